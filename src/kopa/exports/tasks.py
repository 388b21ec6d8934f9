"""The background job that writes an export (django-tasks: run at once by the default backend, by `kopa worker`
with KOPA_TASK_BACKEND=database). Run again after its worker died (kopa.jobs.services.recover_jobs), it starts
the file afresh."""

import logging
import tempfile
import uuid

from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from kopa.audit import audited, log_action
from kopa.core.exports import write_file
from kopa.core.links import site_url

from .kinds import kind as kind_of
from .models import ExportJob

PROGRESS_EVERY = 2000  # rows between two progress updates: one small UPDATE each

log = logging.getLogger(__name__)


@task()
@audited(atomic=False)  # the progress it writes is read by the job's page while it runs
def run_export(job_id: int) -> None:
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if not job.working:
        return  # finished, failed or expired meanwhile: nothing to do again
    started = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.RUNNING, started_at=started, rows_done=0,
                                               reason="")
    try:
        with translation.override(job.language):
            report = kind_of(job.kind)
            asked_by = job.requested_by or AnonymousUser()  # a public list asked for by a visitor
            if not report.allowed(asked_by, job.parameters):
                _failed(job, gettext("You may no longer export this."))
                return
            table = report.table(job.parameters, asked_by)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=table.count())
            counter = _Counter(job.pk)
            with tempfile.TemporaryFile() as handle:
                if job.file_format == "xlsx" and table.write_xlsx is not None:
                    table.write_xlsx(handle, counter.rows(table.rows))
                else:
                    write_file(handle, job.file_format, table.title, table.header, counter.rows(table.rows))
                handle.seek(0)
                stored = default_storage.save(f"exports/{uuid.uuid4().hex}/{job.filename}.{job.file_format}",
                                              File(handle))
    except Exception:
        # Never left "being written" for ever: the page says it failed, the worker's log has the traceback.
        _failed(job, gettext("The export stopped on an unexpected error; the administrator has the details."))
        raise
    updated = ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.RUNNING).update(
        state=ExportJob.State.DONE, file=stored, rows_done=counter.done, rows_total=counter.done,
        finished_at=timezone.now())
    if not updated:  # given up meanwhile (its worker was thought dead): this file is nobody's
        default_storage.delete(stored)
        return
    log_action(job, "exports.written", note=f"{counter.done} rows")
    _tell(ExportJob.objects.select_related("requested_by").get(pk=job.pk))


class _Counter:
    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0

    def rows(self, rows):
        for row in rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=self.job_id).update(rows_done=self.done)


def _failed(job: ExportJob, reason: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.FAILED, reason=reason,
                                               finished_at=timezone.now())
    log_action(job, "exports.failed", note=reason[:300])


def _tell(job: ExportJob) -> None:
    """The person hears by e-mail that the file is ready (the outbox, kopa.messaging); a message that cannot be
    written never undoes the export (the worker's log keeps why)."""
    from kopa.messaging import services as messaging  # messaging sits above exports

    if job.requested_by is None:
        return  # a visitor: their page (which refreshes itself) is the only way to tell them
    try:
        messaging.queue("export_ready", user=job.requested_by, key=f"export_ready:{job.pk}", context=lambda: {
            "export": job.label, "export_link": site_url(reverse("exports:job", args=[job.pk])),
            "expires": _moment(job.expires_at)})
    except Exception:
        log.exception("could not tell about export %s", job.pk)


def _moment(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
