"""Recipes for the export jobs' services, as the administrator."""

from datetime import timedelta

from django.utils import timezone

from kopa.exports import services
from kopa.exports.models import ExportJob


def _job(w, state, expires_in=timedelta(hours=48)):
    return ExportJob.objects.create(
        requested_by=w.admin, kind="projects.list", parameters={"query": ""}, language="lv", label="Projekti",
        filename="projects", state=state, started_at=timezone.now(), expires_at=timezone.now() + expires_in)


RECIPES = {
    "kopa.exports.services.start_export": lambda w: services.start_export(
        kind="projects.list", parameters={"query": ""}, file_format="csv", label="Projekti", filename="projects",
        rows=1, by=w.admin),
    "kopa.exports.services.export_abandoned": lambda w: services.export_abandoned(
        _job(w, ExportJob.State.RUNNING).pk),
    "kopa.exports.services.remove_expired_exports": lambda w: (
        _job(w, ExportJob.State.DONE, expires_in=-timedelta(hours=1)), services.remove_expired_exports()),
}
