"""Jobs whose worker died are not left "running" for ever (run from `kopa run_scheduled`).

A job is abandoned when the worker that claimed it last has not beaten for KOPA_WORKER_SILENT_SECONDS (a worker
that never beats — a plain `db_worker` — is trusted for KOPA_JOB_HOURS). It runs again, until it has been
claimed KOPA_JOB_ATTEMPTS times (django-tasks-db records each claim's worker); then it is failed with the
reason, and what it was working on is told (an event log's page says the analysis failed, not "50 %")."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kopa.audit import audited, log_action

from .models import Heartbeat

# What must be marked failed with a job that is given up: task path → function(reason, *args, **kwargs).
ON_ABANDONED = {
    "kopa.lean.tasks.analyse_event_log": "kopa.lean.services.analysis_abandoned",
    "kopa.exports.tasks.run_export": "kopa.exports.services.export_abandoned",
}


class WorkerLost(Exception):
    """Recorded as the exception of a job whose worker stopped."""


def _alive(now) -> set[str]:
    since = now - timedelta(seconds=settings.KOPA_WORKER_SILENT_SECONDS)
    return set(Heartbeat.objects.filter(seen_at__gte=since).values_list("worker_id", flat=True))


def _known() -> set[str]:
    return set(Heartbeat.objects.values_list("worker_id", flat=True))


@audited(atomic=False, quiet=True)
def recover_jobs(now=None) -> dict[str, int]:
    """Put abandoned jobs back in the queue or fail them; returns how many of each."""
    now = now or timezone.now()
    alive, known = _alive(now), _known()
    trusted_until = now - timedelta(hours=settings.KOPA_JOB_HOURS)
    done = {"retried": 0, "failed": 0}
    for job in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).order_by("started_at"):
        worker = job.worker_ids[-1] if job.worker_ids else ""
        if worker in alive:
            continue
        if worker not in known and job.started_at and job.started_at > trusted_until:
            continue  # a worker without heartbeats (plain db_worker): only a very old job is given up
        with transaction.atomic():
            locked = DBTaskResult.objects.select_for_update().filter(pk=job.pk, status=TaskResultStatus.RUNNING)
            if not locked.exists():
                continue  # finished meanwhile
            if len(job.worker_ids) < settings.KOPA_JOB_ATTEMPTS:
                locked.update(status=TaskResultStatus.READY, run_after=now)
                log_action(job, "jobs.retried", note=f"worker {worker} stopped")
                done["retried"] += 1
                continue
            reason = (f"The worker {worker} stopped while running this job (no heartbeat since "
                      f"{job.started_at:%Y-%m-%d %H:%M:%S %Z}); given up after {len(job.worker_ids)} attempts.")
            locked.update(status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                          exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                          traceback=reason)
            handler = ON_ABANDONED.get(job.task_path)
            if handler:
                import_string(handler)(*job.args_kwargs.get("args", []), **job.args_kwargs.get("kwargs", {}))
            log_action(job, "jobs.failed", note=reason)
            done["failed"] += 1
    return done

