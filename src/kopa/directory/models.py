"""C1 Directory: countries, regions, municipalities (history-safe), organisations, people."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import period_constraint


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)  # ISO 3166-1 alpha-2
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Region(models.Model):
    class Kind(models.TextChoices):
        PLANNING_REGION = "planning_region", _("planning region")
        COUNTY = "county", _("county")

    country = models.ForeignKey(Country, models.PROTECT, related_name="regions", verbose_name=_("country"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20, unique=True)  # LT-UT for counties; LV-LATGALE for regions
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country__code", "code"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    class Kind(models.TextChoices):
        NOVADS = "novads", _("municipality (novads)")
        REPUBLIC_CITY = "republic_city", _("republic city")
        STATE_CITY = "state_city", _("state city")
        DISTRICT_MUNICIPALITY = "district_municipality", _("district municipality")
        CITY_MUNICIPALITY = "city_municipality", _("city municipality")
        MUNICIPALITY = "municipality", _("municipality")

    # Official code: ATVK for Latvia before 2021, ISO 3166-2 for Latvia since 2021 and for Lithuania.
    code = models.CharField(_("official code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(Country, models.PROTECT, related_name="municipalities", verbose_name=_("country"))
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, related_name="municipalities", verbose_name=_("region")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)  # empty while it exists
    notes = models.TextField(_("notes"), blank=True)
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successors"),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [period_constraint("municipality_valid_period", "valid_from", "valid_to")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:municipality", args=[self.code])

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class Succession(models.Model):
    """A municipality that went, whole or in part, into another in a territorial reform."""

    predecessor = models.ForeignKey(
        Municipality, models.CASCADE, related_name="successions_out", verbose_name=_("former municipality")
    )
    successor = models.ForeignKey(
        Municipality, models.CASCADE, related_name="successions_in", verbose_name=_("successor")
    )
    on_date = models.DateField(_("date"))
    part = models.CharField(_("part"), max_length=200, default="whole")  # "whole" or the parishes that moved
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class PopulationFigure(models.Model):
    """A population count of a municipality on a date, always with where it came from."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="population_figures", verbose_name=_("municipality")
    )
    on_date = models.DateField(_("date"), null=True, blank=True)  # empty when the source gives none
    date_note = models.CharField(_("date as given"), max_length=100, blank=True)  # e.g. "2021 (estimate)"
    value = models.PositiveIntegerField(_("population"))
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["municipality", "on_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "on_date"], condition=Q(on_date__isnull=False), name="population_one_per_date"
            ),
            models.UniqueConstraint(
                fields=["municipality"], condition=Q(on_date__isnull=True), name="population_one_undated"
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.value} ({self.on_date or self.date_note})"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL_ADMINISTRATION = "municipal_administration", _("municipal administration")
        PLANNING_REGION = "planning_region", _("planning region")
        MINISTRY = "ministry", _("ministry")
        ASSOCIATION = "association", _("association")
        LIBRARY = "library", _("library")
        MUSEUM = "museum", _("museum")
        CULTURE_CENTRE = "culture_centre", _("culture centre")
        INCUBATOR = "incubator", _("creative-industries incubator")
        SCHOOL = "school", _("school")
        NGO = "ngo", _("non-governmental organisation")
        OTHER = "other", _("other")

    slug = models.SlugField(_("short address"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)  # e.g. VARAM, LPS
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(Country, models.PROTECT, related_name="organisations", verbose_name=_("country"))
    # The municipality it serves or stands in; for a municipal administration, the municipality itself.
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("region")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation", args=[self.slug])


class Department(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="departments", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name")]

    def __str__(self):
        return self.name


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)  # personal data: shown only to coordinators
    photo_consent = models.BooleanField(_("agrees to be shown in public photos"), default=False)
    publication_consent = models.BooleanField(_("agrees to be named in publications"), default=False)
    # The language of their certificates and messages.
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="lv")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="person",
        verbose_name=_("user account"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Position(models.Model):
    """What a person was, where, and when: a presenter is shown with the position held at the time."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="positions", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="positions", verbose_name=_("organisation")
    )
    department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="positions", verbose_name=_("department")
    )
    title = models.CharField(_("position"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person__last_name", "-start_date"]
        constraints = [period_constraint("position_period")]

    def __str__(self):
        return f"{self.person}, {self.title}, {self.organisation}"
