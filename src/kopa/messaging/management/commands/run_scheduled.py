from django.core.management.base import BaseCommand

from kopa.messaging import schedule


class Command(BaseCommand):
    help = "Run the scheduled work once (offer expiry, mail retries, reminders): safe to run as often as wanted."

    def handle(self, *args, **options):
        for line in schedule.run():
            self.stdout.write(line)
