"""Activities of every kind, their programme, parallel groups and materials; standing working groups."""


from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopa.core.dates import DatePrecision, StatedDates, period_constraint
from kopa.core.files import document_validators
from kopa.core.indexes import OrderIndex
from kopa.directory.models import Country, Municipality, Organisation, Person
from kopa.projects.models import Programme, Project, WorkPlanItem

from .kinds import label as kind_label


class WorkingGroup(models.Model):
    """A standing international thematic group (tourism, culture, IT …); its meetings are activities."""

    project = models.ForeignKey(
        Project, models.SET_NULL, null=True, blank=True, related_name="working_groups", verbose_name=_("project")
    )
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200)
    members = models.ManyToManyField(Person, blank=True, related_name="working_groups", verbose_name=_("members"))
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="working_groups", verbose_name=_("topics")
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:working_group", args=[self.slug])


class SeriesMarker(models.TextChoices):
    OPENING = "opening", _("opening event")
    CLOSING = "closing", _("closing event")


class Activity(StatedDates):
    """Any event of the sources. Its dates (inherited) are kept as precisely as the source gives them."""

    SeriesMarker = SeriesMarker

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for registration")
        HELD = "held", _("held")
        CLOSED = "closed", _("closed")
        # Called off before it took place (services.cancel_activity); those registered were told.
        CANCELLED = "cancelled", pgettext_lazy("activity", "cancelled")

    # A built-in ActivityKind or the code of an AddedKind; its name comes from models/kinds.py.
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Why it is held, in a line ("to find hosts for later visits").
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    # Positions or groups it is meant for ("executive directors and their deputies").
    target_audience = models.CharField(_("target audience"), max_length=500, blank=True)
    # For an announced activity: how to register, whom to contact, limited seats, questions in advance.
    practical_arrangements = models.TextField(_("practical arrangements"), blank=True)
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="activities", verbose_name=_("topics"))
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
    # Many texts name no organiser: an activity may be recorded without one.
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_activities", verbose_name=_("organisers")
    )
    hosts = models.ManyToManyField(
        Organisation, blank=True, related_name="hosted_activities", verbose_name=_("host institutions")
    )
    host_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="hosted_activities", verbose_name=_("host municipalities")
    )
    # Where it took place when no host place is known (else the hosts' countries say it): see places.py.
    country = models.ForeignKey(Country, models.PROTECT, null=True, blank=True, related_name="activities",
                                verbose_name=_("country"))
    # An event of a programme itself (a launch, an info day) that belongs to no project.
    of_programme = models.ForeignKey(Programme, models.SET_NULL, null=True, blank=True, related_name="events",
                                     verbose_name=_("event of the programme"))
    # Coordinators who recorded or changed it keep access to it, even outside their own project or organisation.
    recorded_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="recorded_activities",
                                         verbose_name=_("recorded by"))
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
    # Its place in a series ("6th network seminar", "session 2 of 6"), and an opening or closing marker.
    series = models.ForeignKey(
        "activities.Series", models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("series")
    )
    series_number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    series_marker = models.CharField(_("marker"), max_length=20, choices=SeriesMarker.choices, blank=True)
    # Kinds it also is besides `kind` (a meeting that is both a committee meeting and a seminar).
    other_kinds = models.JSONField(_("also of kinds"), default=list, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # Minutes may name people and what they said: private to the organisers unless published at closing.
    minutes_public = models.BooleanField(_("minutes published"), default=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "pk"]
        indexes = [
            # The activity list's (and the API's) newest-first order exactly as `activity_list` writes it, NULLS
            # LAST included (an index in another NULLS order is not used for it): the first page without a sort.
            OrderIndex(F("start_date").desc(nulls_last=True), F("end_date").desc(), F("id").asc(),
                       name="activity_newest_first"),
            # Those not yet over (the home page's coming ones): read by their last day, not by walking history.
            models.Index(fields=["end_date", "start_date", "id"], name="activity_not_over"),
        ]
        constraints = [
            period_constraint("activity_period"),
            models.UniqueConstraint(fields=["series", "series_number"], condition=Q(series_number__isnull=False),
                                    name="activity_number_once_per_series"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity", args=[self.pk])

    def get_kind_display(self) -> str:
        return kind_label(self.kind)


class ProgrammeItem(models.Model):
    """One entry of an activity's programme on one day; its presenters are `contributors`."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        PRESENTATION = "presentation", _("presentation")
        DISCUSSION = "discussion", _("discussion")
        TRAVEL = "travel", _("travel")
        MEAL = "meal", _("meal")
        OTHER = "other", _("other")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="programme", verbose_name=_("activity"))
    # Empty when the source does not say on which day (listed under "during the visit").
    day = models.DateField(_("day"), null=True, blank=True)
    # Day and month as stated when no year is known for the activity ("11 February", year not stated).
    stated_day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    stated_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    # In an announced programme that is not confirmed yet.
    provisional = models.BooleanField(_("provisional"), default=False)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    # The institution visited, or where this part took place.
    place = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="programme_items", verbose_name=_("place")
    )
    place_text = models.CharField(_("place (if not an organisation)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="programme_items", verbose_name=_("topics")
    )

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["day", "start_time", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def date_precision(self) -> str:
        """As an activity's: an exact day, a day and month with no year, or not stated."""
        if self.day:
            return DatePrecision.DAY
        return DatePrecision.DAY_MONTH if self.stated_month else DatePrecision.UNKNOWN


class Breakout(models.Model):
    """A parallel group inside one activity, with its theme and what it produced; its moderator is a contributor."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="breakouts", verbose_name=_("activity"))
    theme = models.CharField(_("theme"), max_length=500, blank=True)  # many sources name none
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="breakouts", verbose_name=_("topics"))
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
