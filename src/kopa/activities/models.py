"""C3 Activities and C5 working groups: one activity model for every kind of event in the sources."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import period_constraint
from kopa.core.files import document_validators, image_validators
from kopa.directory.models import Municipality, Organisation, Person, Position
from kopa.projects.models import ActivityKind, Project, WorkPlanItem


class WorkingGroup(models.Model):
    """A standing international thematic group (tourism, culture, IT …); its meetings are activities."""

    project = models.ForeignKey(
        Project, models.SET_NULL, null=True, blank=True, related_name="working_groups", verbose_name=_("project")
    )
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200)
    members = models.ManyToManyField(Person, blank=True, related_name="working_groups", verbose_name=_("members"))

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for registration")
        HELD = "held", _("held")
        CLOSED = "closed", _("closed")

    kind = models.CharField(_("kind"), max_length=40, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    project = models.ForeignKey(
        Project, models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("project")
    )
    work_plan_item = models.ForeignKey(
        WorkPlanItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("work plan item"),
    )
    working_group = models.ForeignKey(
        WorkingGroup, models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=_("working group")
    )
    organisers = models.ManyToManyField(Organisation, related_name="organised_activities", verbose_name=_("organisers"))
    hosts = models.ManyToManyField(
        Organisation, blank=True, related_name="hosted_activities", verbose_name=_("host institutions")
    )
    host_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="hosted_activities", verbose_name=_("host municipalities")
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # Where a source leaves the date uncertain (e.g. gives no year), say so here; it is shown with the date.
    date_note = models.CharField(_("note on the date"), max_length=300, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)  # empty: no limit
    # Seats one organisation may take unless its own quota says otherwise; empty: no limit.
    quota_per_organisation = models.PositiveIntegerField(_("seats per organisation"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    # How long a freed seat is held for the first person on the waiting list before it passes on.
    offer_hours = models.PositiveSmallIntegerField(_("hours to accept a freed seat"), default=48)
    # The activity that announced this one (the Utena visit announced two exchanges in June 2018).
    announced_by = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="follow_ups", verbose_name=_("announced by")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "pk"]
        constraints = [period_constraint("activity_period")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity", args=[self.pk])


class ProgrammeItem(models.Model):
    """One entry of an activity's programme on one day."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        PRESENTATION = "presentation", _("presentation")
        DISCUSSION = "discussion", _("discussion")
        TRAVEL = "travel", _("travel")
        MEAL = "meal", _("meal")
        OTHER = "other", _("other")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="programme", verbose_name=_("activity"))
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    # The institution visited, or where this part took place.
    place = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="programme_items", verbose_name=_("place")
    )
    place_text = models.CharField(_("place (if not an organisation)"), max_length=300, blank=True)
    # Positions, not people: a presenter is shown with the position held at the time.
    presenters = models.ManyToManyField(
        Position, blank=True, related_name="presentations", verbose_name=_("presenters")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["day", "start_time", "position", "pk"]

    def __str__(self):
        return self.title


class Breakout(models.Model):
    """A parallel group inside one activity, with its theme and what it produced."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="breakouts", verbose_name=_("activity"))
    theme = models.CharField(_("theme"), max_length=500)
    moderator = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="moderated_breakouts", verbose_name=_("moderator")
    )
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("breakout")
        verbose_name_plural = _("breakouts")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.theme


class Material(models.Model):
    """A file or link: a presentation in the programme, a breakout's result, an activity's handout."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="materials", verbose_name=_("activity"))
    programme_item = models.ForeignKey(
        ProgrammeItem,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("programme item"),
    )
    breakout = models.ForeignKey(
        Breakout, models.CASCADE, null=True, blank=True, related_name="materials", verbose_name=_("breakout")
    )
    title = models.CharField(_("title"), max_length=300)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="materials/%Y/", blank=True, validators=document_validators)
    # Confirmed by whoever adds it: a funded project's material shows its funders' statements and logos.
    carries_statement = models.BooleanField(_("shows the funding statement and logos"), default=False)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(condition=~Q(link="") | ~Q(file=""), name="material_has_link_or_file"),
        ]

    def __str__(self):
        return self.title


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
            # One live registration per person and activity; a cancelled one may be followed by a new one.
            models.UniqueConstraint(
                fields=["activity", "person"], condition=~Q(status="cancelled"), name="registration_once_per_person"
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"], name="registration_activity_status")]

    def __str__(self):
        return f"{self.person} – {self.activity}"

    @property
    def can_check_in(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING, self.Status.NO_SHOW)

    @property
    def can_cancel(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING, self.Status.WAITLISTED)


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
