"""What an activity left behind: outcomes, photos, votes and working-group outputs."""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.core.files import image_validators
from kopa.directory.models import Organisation, Person

from .activity import Activity, WorkingGroup
from .contributors import _filled


class Outcome(models.Model):
    """What an activity produced: a jointly drafted formula, a plan of further trainings, …"""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="outcomes", verbose_name=_("activity"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.title


class Photo(models.Model):
    activity = models.ForeignKey(Activity, models.CASCADE, related_name="photos", verbose_name=_("activity"))
    image = models.ImageField(_("image"), upload_to="photos/%Y/", blank=True, validators=image_validators)
    caption = models.CharField(_("caption"), max_length=500)
    alt_text = models.CharField(_("text alternative"), max_length=500, blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="photos", verbose_name=_("people shown"))
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.caption


class Poll(models.Model):
    """An audience vote on an activity (the webinar's six videos)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not yet open")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="polls", verbose_name=_("activity"))
    question = models.CharField(_("question"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Only those registered for the activity may vote; otherwise anyone logged in.
    registered_only = models.BooleanField(_("only registered participants vote"), default=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return self.question


class PollEntry(models.Model):
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="entries", verbose_name=_("vote"))
    title = models.CharField(_("title"), max_length=300)
    link = models.URLField(_("link"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_entries",
        verbose_name=_("submitted by"),
    )
    award = models.CharField(_("award"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["poll", "pk"]

    def __str__(self):
        return self.title


class Ballot(models.Model):
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="ballots")
    entry = models.ForeignKey(PollEntry, models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="ballots")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # One vote per person, enforced by the database too (two concurrent requests cannot both win).
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="ballot_one_per_voter")]

    def __str__(self):
        return f"{self.poll}: {self.entry}"


class WorkingGroupOutput(models.Model):
    working_group = models.ForeignKey(
        WorkingGroup, models.CASCADE, related_name="outputs", verbose_name=_("working group")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True)
    activity = models.ForeignKey(
        Activity,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_group_outputs",
        verbose_name=_("produced at"),
    )
    on_date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("working-group output")
        verbose_name_plural = _("working-group outputs")
        ordering = ["working_group", "-on_date", "pk"]

    def __str__(self):
        return self.title


class Award(models.Model):
    """A prize or recognition given at an activity — to a person, an organisation, or someone the source names
    only in words ("the team of the Preiļi library") — whether or not it came from a vote."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="awards", verbose_name=_("activity"))
    title = models.CharField(_("award"), max_length=300)  # "audience award", "certificate of recognition"
    person = models.ForeignKey(Person, models.CASCADE, null=True, blank=True, related_name="awards",
                               verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="awards",
                                     verbose_name=_("organisation"))
    recipient = models.CharField(_("recipient, as the source names it"), max_length=300, blank=True)
    # When it was the outcome of a vote at the activity.
    poll_entry = models.ForeignKey(PollEntry, models.SET_NULL, null=True, blank=True, related_name="awards",
                                   verbose_name=_("vote entry"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["activity", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False) | _filled("recipient"),
                name="award_has_a_recipient",
            ),
        ]

    def __str__(self):
        return self.title
