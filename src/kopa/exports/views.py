"""An export job's page (progress, then the download link), its download and one's list of exports. Open to
visitors who are not signed in: they see the exports their session asked for (kopa.exports.queries)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from kopa.core.exports import CSV, XLSX
from kopa.core.pages import paginate

from . import queries
from .kinds import kind as kind_of
from .models import ExportJob

REFRESH_SECONDS = 3  # the page reloads itself while the job runs (a meta refresh: no script, CSP-safe)


def job_detail(request, pk):
    job = get_object_or_404(queries.visible_jobs(request), pk=pk)
    return render(request, "exports/job_detail.html", {"job": job, "refresh": REFRESH_SECONDS if job.working else 0})


def job_download(request, pk):
    job = get_object_or_404(queries.visible_jobs(request), pk=pk)
    if job.state == ExportJob.State.EXPIRED or (job.state == ExportJob.State.DONE and not _stored(job)):
        return render(request, "exports/job_gone.html", {"job": job}, status=410)
    if job.state != ExportJob.State.DONE:
        return redirect("exports:job", job.pk)
    # Permission is asked again: a coordinator who left the project since asking gets nothing.
    if not kind_of(job.kind).allowed(request.user, job.parameters):
        raise PermissionDenied
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"{job.filename}.{job.file_format}",
                        content_type=CSV if job.file_format == "csv" else XLSX)


def _stored(job: ExportJob) -> bool:
    return bool(job.file.name) and job.file.storage.exists(job.file.name)


def my_exports(request):
    return render(request, "exports/my_exports.html", {"page": paginate(request, queries.my_jobs(request))})
