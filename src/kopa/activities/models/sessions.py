"""Sessions: one activity held on several dates and in several places (one seminar in five towns is one
activity with five sessions), each with its own date as precisely as the source gives it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import StatedDates
from kopa.directory.models import Municipality, Organisation

from .activity import Activity


class Session(StatedDates):
    activity = models.ForeignKey(Activity, models.CASCADE, related_name="sessions", verbose_name=_("activity"))
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=300, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    host_municipality = models.ForeignKey(
        Municipality, models.PROTECT, null=True, blank=True, related_name="hosted_sessions",
        verbose_name=_("host municipality"),
    )
    hosts = models.ManyToManyField(Organisation, blank=True, related_name="hosted_sessions",
                                   verbose_name=_("host institutions"))
    # Seats of this session when people register for sessions one by one; empty: no limit of its own.
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["activity", "number", "start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="session_number_once_per_activity"),
        ]

    def __str__(self):
        return self.title or f"{self.activity} ({self.number})"
