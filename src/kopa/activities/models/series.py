"""Series and sequence: a network's seminars, a course of N sessions, a webinar cycle, a campaign week, a
project's conference cycle — and an activity's number in it ("6th network seminar", "session 2 of 6")."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.directory.models import Organisation
from kopa.projects.models import Project


class Series(models.Model):
    class Kind(models.TextChoices):
        NETWORK_SEMINARS = "network_seminars", _("seminars of a network")
        COURSE = "course", _("course of sessions")
        WEBINAR_CYCLE = "webinar_cycle", _("webinar cycle")
        CAMPAIGN = "campaign", _("campaign or umbrella week")
        CONFERENCE_CYCLE = "conference_cycle", _("conference cycle")
        OTHER = "other", _("other series")

    slug = models.SlugField(_("short address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    project = models.ForeignKey(Project, models.SET_NULL, null=True, blank=True, related_name="series",
                                verbose_name=_("project"))
    organiser = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True, related_name="series",
                                  verbose_name=_("organiser"))
    # How many the series was announced with ("a course of six sessions"); empty when not stated.
    planned_count = models.PositiveSmallIntegerField(_("planned number"), null=True, blank=True)
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="series", verbose_name=_("topics"))

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:series", args=[self.slug])
