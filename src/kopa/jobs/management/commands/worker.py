"""`kopa worker`: runs background jobs like `kopa db_worker` (same options), with a heartbeat and through
database outages (kopa.jobs.worker). Run one or more beside the web servers, e.g. under systemd."""

from django_tasks_db.management.commands import db_worker

from kopa.jobs.worker import DurableWorker


class Command(db_worker.Command):
    help = "Run background jobs (durable: heartbeats, survives a database outage)."

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = DurableWorker  # the parent's handle() builds db_worker.Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
