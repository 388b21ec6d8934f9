from django.core.management.base import BaseCommand

from kopa.activities import services


class Command(BaseCommand):
    help = "Pass seats offered from the waiting list and not taken up in time to the next person. Run it hourly."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.expire_all_offers()}")
