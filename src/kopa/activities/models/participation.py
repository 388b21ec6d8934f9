"""Who took part as the texts say it: organisations and municipalities with no named people, and the
numbers of participants a source reports ("more than 150"), kept beside the counted registrations."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.directory.models import Country, Municipality, Organisation

from .activity import Activity


class Participation(models.Model):
    """An organisation or a municipality took part in an activity, with or without named people."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        DELEGATION = "delegation", _("delegation")
        GUEST = "guest", _("guest")
        EXHIBITOR = "exhibitor", _("exhibitor")
        SPEAKER_ORGANISATION = "speaker_organisation", _("speaker's organisation")
        HOST = "host", _("host")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="participations", verbose_name=_("activity"))
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="participations",
        verbose_name=_("organisation"),
    )
    # A municipality named as such ("two dozen municipalities took part"), when no organisation is named.
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, null=True, blank=True, related_name="participations",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.PARTICIPANT)
    # The size of its delegation, where the source gives it.
    delegation_size = models.PositiveIntegerField(_("people in the delegation"), null=True, blank=True)
    # Where it came from, when the directory does not say (a foreign guest's country).
    country = models.ForeignKey(
        Country, models.PROTECT, null=True, blank=True, related_name="participations", verbose_name=_("country")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)  # the text this comes from

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["activity", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(municipality__isnull=False),
                name="participation_names_someone",
            ),
            models.UniqueConstraint(
                fields=["activity", "organisation"], condition=Q(organisation__isnull=False),
                name="participation_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["activity", "municipality"], condition=Q(organisation__isnull=True),
                name="participation_municipality_once",
            ),
        ]

    def __str__(self):
        return str(self.organisation or self.municipality)


class Headcount(models.Model):
    """A number of people a source reports, with its qualifier: shown beside the registrations, never added."""

    class Qualifier(models.TextChoices):
        EXACTLY = "exactly", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")
        ALMOST = "almost", _("almost")
        UP_TO = "up_to", _("up to")

    class Counts(models.TextChoices):
        PARTICIPANTS = "participants", _("participants")
        INVITED = "invited", _("invited")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="headcounts", verbose_name=_("activity"))
    # Optionally the count of one organisation's people; empty: the whole activity.
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="headcounts",
        verbose_name=_("organisation"),
    )
    counts = models.CharField(_("counts"), max_length=20, choices=Counts.choices, default=Counts.PARTICIPANTS)
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACTLY)
    value = models.PositiveIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=500, blank=True)  # "the organiser's press release"

    class Meta:
        verbose_name = _("reported headcount")
        verbose_name_plural = _("reported headcounts")
        ordering = ["activity", "organisation", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="headcount_not_negative"),
            models.UniqueConstraint(
                fields=["activity", "counts"], condition=Q(organisation__isnull=True),
                name="headcount_once_per_activity",
            ),
            models.UniqueConstraint(
                fields=["activity", "organisation", "counts"], condition=Q(organisation__isnull=False),
                name="headcount_once_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.get_qualifier_display()} {self.value}"
