"""C6 LEAN: public services, their value-stream maps, measured event logs and improvements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.files import MaxSizeValidator
from kopa.directory.models import Department, Organisation, Person


class ServiceType(models.Model):
    """The same service across municipalities (e.g. building permit), so that they can be compared."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["code"]

    def __str__(self):
        return self.name


class PublicService(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        E_SERVICE = "e_service", _("e-service")
        POST = "post", _("post")
        MIXED = "mixed", _("several channels")

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="public_services",
                                     verbose_name=_("institution"))
    department = models.ForeignKey(Department, models.SET_NULL, null=True, blank=True,
                                   related_name="public_services", verbose_name=_("department"))
    service_type = models.ForeignKey(ServiceType, models.PROTECT, related_name="services",
                                     verbose_name=_("service type"))
    name = models.CharField(_("name"), max_length=300)
    client_group = models.CharField(_("client group"), max_length=300, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    yearly_volume = models.PositiveIntegerField(_("cases per year"), null=True, blank=True)
    cost_per_case = models.DecimalField(_("cost per case (EUR)"), max_digits=10, decimal_places=2, null=True,
                                        blank=True)

    class Meta:
        verbose_name = _("public service")
        verbose_name_plural = _("public services")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "service_type"], name="service_once_per_institution"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lean:service", args=[self.pk])


class ProcessMap(models.Model):
    """One version of a service's value-stream map; an improvement produces a new version."""

    service = models.ForeignKey(PublicService, models.CASCADE, related_name="maps", verbose_name=_("service"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    based_on = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="successors",
                                 verbose_name=_("based on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("value-stream map")
        verbose_name_plural = _("value-stream maps")
        ordering = ["service", "-version"]
        constraints = [models.UniqueConstraint(fields=["service", "version"], name="map_version_once")]

    def __str__(self):
        return f"{self.service} v{self.version}"


class ProcessStep(models.Model):
    class ValueClass(models.TextChoices):
        VALUE_ADDING = "value_adding", _("value-adding")
        NECESSARY = "necessary", _("necessary non-value-adding")
        WASTE = "waste", _("waste")

    class Waste(models.TextChoices):
        TRANSPORT = "transport", _("transport")
        INVENTORY = "inventory", _("inventory")
        MOTION = "motion", _("motion")
        WAITING = "waiting", _("waiting")
        OVER_PROCESSING = "over_processing", _("over-processing")
        OVER_PRODUCTION = "over_production", _("over-production")
        DEFECTS = "defects", _("defects")
        UNUSED_SKILLS = "unused_skills", _("unused skills")

    process_map = models.ForeignKey(ProcessMap, models.CASCADE, related_name="steps", verbose_name=_("map"))
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("step"), max_length=200)
    # The activity name this step has in event logs, when it differs from the step's own name.
    log_activity = models.CharField(_("name in the event log"), max_length=200, blank=True)
    performer = models.CharField(_("performer (department or role)"), max_length=200, blank=True)
    # Minutes: typical, shortest and longest.
    processing_minutes = models.PositiveIntegerField(_("processing time (min)"))
    processing_min = models.PositiveIntegerField(_("shortest processing (min)"), null=True, blank=True)
    processing_max = models.PositiveIntegerField(_("longest processing (min)"), null=True, blank=True)
    waiting_minutes = models.PositiveIntegerField(_("waiting time before it (min)"), default=0)
    waiting_min = models.PositiveIntegerField(_("shortest waiting (min)"), null=True, blank=True)
    waiting_max = models.PositiveIntegerField(_("longest waiting (min)"), null=True, blank=True)
    handoff = models.BooleanField(_("hand-off to another performer"), default=False)
    value_class = models.CharField(_("class"), max_length=20, choices=ValueClass.choices)
    waste_kind = models.CharField(_("kind of waste"), max_length=20, choices=Waste.choices, blank=True)
    # A rework loop: after this step the case may go back to an earlier one.
    rework_to = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="rework_from",
                                  verbose_name=_("may send the case back to"))
    # An alternative path: this step replaces another one in some cases.
    alternative_to = models.ForeignKey("self", models.SET_NULL, null=True, blank=True,
                                       related_name="alternatives", verbose_name=_("alternative to"))

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["process_map", "position"]
        constraints = [
            models.UniqueConstraint(fields=["process_map", "position"], name="step_position_once"),
            models.CheckConstraint(condition=~Q(value_class="waste") | ~Q(waste_kind=""),
                                   name="waste_step_has_kind"),
            models.CheckConstraint(
                condition=Q(processing_min__isnull=True) | Q(processing_min__lte=models.F("processing_minutes")),
                name="processing_min_not_above_typical",
            ),
            models.CheckConstraint(
                condition=Q(processing_max__isnull=True) | Q(processing_max__gte=models.F("processing_minutes")),
                name="processing_max_not_below_typical",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def activity_name(self) -> str:
        return self.log_activity or self.name


class EventLog(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for analysis")
        RUNNING = "running", _("being analysed")
        DONE = "done", _("analysed")
        FAILED = "failed", _("could not be analysed")

    class Basis(models.TextChoices):
        CALENDAR = "calendar", _("calendar time")
        WORKING = "working", _("working hours (public holidays of the service's country excluded)")

    service = models.ForeignKey(PublicService, models.CASCADE, related_name="event_logs", verbose_name=_("service"))
    process_map = models.ForeignKey(ProcessMap, models.SET_NULL, null=True, blank=True, related_name="event_logs",
                                    verbose_name=_("map compared with"))
    file = models.FileField(_("file"), upload_to="event-logs/%Y/", validators=[MaxSizeValidator(50)])
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Generated for the demonstration, not measured in a real office.
    sample = models.BooleanField(_("sample data"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    period_start = models.DateField(_("first case"), null=True, blank=True)
    period_end = models.DateField(_("last case"), null=True, blank=True)
    # How durations are counted: around the clock, or only within working hours on working days.
    duration_basis = models.CharField(_("durations counted in"), max_length=20, choices=Basis.choices,
                                      default=Basis.CALENDAR)
    # Stored once, shown many times: the figures of lean.analysis.LogAnalysis.
    results = models.JSONField(_("results"), null=True, blank=True)
    # Where the cases come from (the document system exported, the office that recorded them by hand).
    source = models.CharField(_("source"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # A new measurement is a test until the team publishes it: only published ones reach the public pages
    # (queries.shown_measurements), so a one-case trial upload never replaces the figures the public sees.
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("event log")
        verbose_name_plural = _("event logs")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["service", "published", "status"], name="event_log_shown")]

    def __str__(self):
        return self.name


class Improvement(models.Model):
    """A kaizen proposal tied to one step of a map, carried through to a new version of the map."""

    class Kind(models.TextChoices):
        REMOVE = "remove", _("remove the step")
        MERGE = "merge", _("merge with another step")
        AUTOMATE = "automate", _("automate")
        REORDER = "reorder", _("change the order")
        MOVE_CLOSER = "move_closer", _("move closer to the client")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        REJECTED = "rejected", _("rejected")

    step = models.ForeignKey(ProcessStep, models.CASCADE, related_name="improvements", verbose_name=_("step"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    owner = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="improvements",
                              verbose_name=_("owner"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    # The version of the map after the change; before/after compares it with the step's own map.
    result_map = models.ForeignKey(ProcessMap, models.SET_NULL, null=True, blank=True, related_name="improvements",
                                   verbose_name=_("map after the change"))
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lean:improvement", args=[self.pk])


class RecordedEvent(models.Model):
    """One step of one case, recorded by hand by an office that has no document system to export a log from.

    Analysed by turning all of a service's recorded events into an event log (services.analyse_recorded_cases),
    so that the figures are the same as for an uploaded file.
    """

    service = models.ForeignKey(PublicService, models.CASCADE, related_name="recorded_events",
                                verbose_name=_("service"))
    # The office's own number of the case (file or application number); all steps of one case share it.
    case_ref = models.CharField(_("case reference"), max_length=100)
    # As in an event log: usually a map step's activity name, or typed for a step the map does not have.
    activity = models.CharField(_("activity"), max_length=200)
    timestamp = models.DateTimeField(_("performed at"))
    resource = models.CharField(_("performed by"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("recorded event")
        verbose_name_plural = _("recorded events")
        ordering = ["service", "pk"]  # recording order: the event log keeps it as the tie-break of equal times
        indexes = [models.Index(fields=["service", "case_ref"], name="recorded_event_case")]
        constraints = [
            models.CheckConstraint(condition=~Q(case_ref=""), name="recorded_event_has_case"),
            models.CheckConstraint(condition=~Q(activity=""), name="recorded_event_has_activity"),
        ]

    def __str__(self):
        return f"{self.case_ref}: {self.activity}"
