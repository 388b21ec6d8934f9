"""A worker's heartbeat: the machinery's own bookkeeping, written every few seconds from the worker's thread.

Not a service (and so not in the audit trail, which would gain an entry every few seconds per worker): what
the heartbeats decide — a job retried or failed — is logged by kopa.jobs.services.recover_jobs."""

from django.utils import timezone

from .models import Heartbeat


def beat(worker_id: str, host: str, started_at) -> None:
    Heartbeat.objects.update_or_create(worker_id=worker_id, defaults={
        "host": host, "started_at": started_at, "seen_at": timezone.now()})


def stopped(worker_id: str) -> None:
    Heartbeat.objects.filter(worker_id=worker_id).delete()
