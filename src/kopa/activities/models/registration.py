"""Seats: quotas per organisation and registrations with their status, check-in and token."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.directory.models import Organisation, Person, Position

from .activity import Activity, Breakout


class Quota(models.Model):
    """Seats reserved for one organisation's staff, in the whole activity or in one breakout."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="quotas", verbose_name=_("activity"))
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="quotas", verbose_name=_("organisation")
    )
    breakout = models.ForeignKey(
        Breakout, models.CASCADE, null=True, blank=True, related_name="quotas", verbose_name=_("breakout")
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"], condition=Q(breakout__isnull=True), name="quota_once_per_activity"
            ),
            models.UniqueConstraint(
                fields=["activity", "organisation", "breakout"],
                condition=Q(breakout__isnull=False),
                name="quota_once_per_breakout",
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.seats}"


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("seat offered, awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("did not come")

    # These hold a seat: capacity and quotas count them.
    SEATED = (Status.PENDING, Status.CONFIRMED, Status.ATTENDED)
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.ATTENDED, Status.NO_SHOW)

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="registrations", verbose_name=_("activity"))
    person = models.ForeignKey(Person, models.PROTECT, related_name="registrations", verbose_name=_("person"))
    # The organisation whose quota the seat counts against (where the person worked then).
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="registrations", verbose_name=_("organisation")
    )
    position = models.ForeignKey(
        Position, models.SET_NULL, null=True, blank=True, related_name="registrations", verbose_name=_("position")
    )
    breakout = models.ForeignKey(
        Breakout, models.SET_NULL, null=True, blank=True, related_name="registrations", verbose_name=_("breakout")
    )
    # Where the sessions of an activity are separate events, a registration is for one of them.
    session = models.ForeignKey(
        "activities.Session", models.PROTECT, null=True, blank=True, related_name="registrations",
        verbose_name=_("session"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    # For a freed seat offered from the waiting list: until when it is held.
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # Printed as a QR code on the badge; scanning it checks the person in.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A generated participant of the demo data set, not a real person.
    sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live registration per person and activity (or per session of it); a cancelled one may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["activity", "person"], condition=~Q(status="cancelled") & Q(session__isnull=True),
                name="registration_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["activity", "person", "session"], condition=~Q(status="cancelled") & Q(session__isnull=False),
                name="registration_once_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "status"], name="registration_activity_status"),
            # Who of these organisations took part in the activity (a page of "who took part", the per-organisation
            # summary): by organisation alone, PostgreSQL read each one's 750 registrations in other activities.
            models.Index(fields=["activity", "organisation", "status"], name="registration_activity_org"),
        ]

    def __str__(self):
        return f"{self.person} – {self.activity}"

    @property
    def can_check_in(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING, self.Status.NO_SHOW)

    @property
    def can_cancel(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING, self.Status.WAITLISTED)
