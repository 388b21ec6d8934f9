"""An export too big to build in the request: asked for by someone, written by a background job into the site's
file storage (any Django storage, so object storage too), downloaded by them until it expires."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    # Empty for a visitor who is not signed in (a public list): their browser's session holds the job's number
    # (kopa.exports.queries.remember_in_session), so only they see its page.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="export_jobs",
                                     verbose_name=_("asked by"), null=True, blank=True)
    # Which report (a code of kopa.exports.kinds.KINDS) and what it is of: {"activity": 12}, a page's filters…
    kind = models.CharField(_("report"), max_length=60)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.XLSX)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)  # of headings and texts
    label = models.CharField(_("export"), max_length=300)  # what it is, as the person saw it when asking
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    reason = models.TextField(_("reason"), blank=True)  # why it failed, for the person who asked
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)  # counted when asked; the job recounts
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=200)  # as the download names it
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)  # then the file is removed (run_scheduled)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_job_mine")]
        constraints = [models.CheckConstraint(condition=Q(state="queued") | Q(started_at__isnull=False),
                                              name="export_job_started_when_not_queued")]

    def __str__(self):
        return f"{self.label} ({self.get_file_format_display()})"

    @property
    def percent(self) -> int:
        if self.state in (self.State.DONE, self.State.EXPIRED):
            return 100
        return min(100, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
