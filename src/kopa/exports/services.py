"""Writes of export jobs: one asked for (and handed to a worker), one given up when its worker died, the files of
expired ones removed. The job itself — writing the file — is kopa.exports.tasks.run_export."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError

from . import tasks
from .kinds import KINDS
from .kinds import kind as kind_of
from .models import ExportJob


@audited(atomic=False)  # the job (run here by the default backend) commits its progress, which its page shows
def start_export(*, kind: str, parameters: dict, file_format: str, label: str, filename: str, rows: int,
                 by) -> ExportJob:
    """An export for `by`, written in the background in the current language; its page follows it. `by` may be
    a visitor who is not signed in, for an export anyone may have (the public lists): the caller keeps the job's
    number in their session (kopa.exports.queries.remember_in_session)."""
    if kind not in KINDS:
        raise DomainError(_("Unknown kind of export."), field="kind", code="invalid")
    if file_format not in ExportJob.Format.values:
        raise DomainError(_("Choose XLSX or CSV."), field="file_format", code="invalid")
    signed_in = by is not None and by.is_authenticated
    if not signed_in:
        # A visitor: only what anyone may export (the public lists), and only so many such jobs at a time.
        if not kind_of(kind).allowed(AnonymousUser(), parameters):
            raise DomainError(_("Sign in to have this export prepared."), code="permission")
        waiting = ExportJob.objects.filter(requested_by__isnull=True,
                                           state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING])
        if waiting.count() >= settings.KOPA_EXPORT_PUBLIC_QUEUE:
            raise DomainError(_("Many exports are being prepared just now. Please try again in a few minutes, or "
                                "sign in to have yours prepared at once."), code="busy")
    now = timezone.now()
    job = ExportJob.objects.create(
        requested_by=by if signed_in else None, kind=kind, parameters=parameters, file_format=file_format,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:2], label=label[:300],
        filename=filename[:200], rows_total=rows, expires_at=now + timedelta(hours=settings.KOPA_EXPORT_KEEP_HOURS))
    tasks.run_export.enqueue(job.pk)
    job.refresh_from_db()
    return job


@audited
def export_abandoned(job_id: int) -> ExportJob | None:
    """The export's job was given up (its workers kept dying, kopa.jobs.services): its page says so, with why."""
    job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or not job.working:
        return job
    job.state = ExportJob.State.FAILED
    job.reason = _("The export stopped: the background worker writing it stopped several times. Please ask for "
                   "it again.")
    job.finished_at = timezone.now()
    job.started_at = job.started_at or job.finished_at
    job.save(update_fields=["state", "reason", "finished_at", "started_at"])
    return job


@audited
def remove_expired_exports(now=None) -> int:
    """The files of exports kept long enough (KOPA_EXPORT_KEEP_HOURS) are removed from storage; the jobs stay,
    marked expired, so their links say so. Returns how many."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.select_for_update().filter(expires_at__lte=now).exclude(
            state=ExportJob.State.EXPIRED).exclude(state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING]):
        stored = job.file.name
        job.state, job.file = ExportJob.State.EXPIRED, ""
        job.save(update_fields=["state", "file"])
        if stored:
            transaction.on_commit(lambda stored=stored: default_storage.delete(stored))
            log_action(job, "exports.file_removed", note=stored[:300])
        count += 1
    return count
