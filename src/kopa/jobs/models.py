"""Which background workers are alive: each `kopa worker` writes its heartbeat here every few seconds, so a job
left "running" by a worker that died (killed, its machine gone) is noticed and run again or failed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("machine"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.host})"
