from django.core.management.base import BaseCommand

from kopa.core import run_locks
from kopa.messaging import schedule

LOCK = "run_scheduled"


class Command(BaseCommand):
    help = (
        "Run the scheduled work once (offer expiry, mail retries, reminders): safe to run as often as wanted, and "
        "from every app machine — a lock in the database lets one run at a time; the others exit at once."
    )

    def handle(self, *args, **options):
        with run_locks.held(LOCK) as taken:
            if not taken:
                # Not an error: the machine whose run holds the lock does the work (exit status 0 for timers).
                self.stdout.write("Another run of run_scheduled holds the lock; nothing done here.")
                return
            for line in schedule.run():
                self.stdout.write(line)
