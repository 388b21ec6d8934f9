"""C1 Directory: countries, regions, municipalities (history-safe), organisations, people."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import period_constraint
from kopa.core.files import document_validators
from kopa.core.names import NameVariant, name_key
from kopa.core.review import Reviewable


def names_key(*names: str) -> str:
    """The distinct keys of a record's names in every language, one string: what the duplicate check and search
    prefilter with a `contains` in the database before `kopa.core.names.similarity` ranks a bounded few."""
    keys = dict.fromkeys(k for k in (name_key(n) for n in names) if k)
    return " | ".join(keys)[:1000]



def by_name_indexes(model: str) -> list:
    """Indexes of a list by name as each reader sees it (core.translated.in_language_order: their language, then
    the fallbacks). Without them a page of 20 sorted all 90,000 organisations (200 ms at EU size), and the first
    20 of a conference's 4,800 municipalities were found by sorting all of them."""
    return [models.Index(Coalesce(*[f"name_{code}" for code in order]), F("id"), name=f"{model}_by_name_{order[0]}")
            for order in (("lv", "lt", "en"), ("lt", "lv", "en"), ("en", "lv", "lt"))]

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


class Municipality(Reviewable, models.Model):
    class Kind(models.TextChoices):
        NOVADS = "novads", _("municipality (novads)")
        REPUBLIC_CITY = "republic_city", _("republic city")
        STATE_CITY = "state_city", _("state city")
        DISTRICT_MUNICIPALITY = "district_municipality", _("district municipality")
        CITY_MUNICIPALITY = "city_municipality", _("city municipality")
        MUNICIPALITY = "municipality", _("municipality")
        # Places abroad, and the historical units of Latvia (before 2009) and Lithuania (before 1995).
        CITY = "city", _("city")
        TOWN = "town", _("town")
        VILLAGE = "village", _("village")
        REGION = "region", _("region")
        DISTRICT = "district", _("district (rajons, rajonas)")
        PARISH = "parish", _("parish (pagasts, apylinkė)")
        OTHER = "other", _("other place")

    # Kopā's address of the place: the official code (ATVK for Latvia before 2021, ISO 3166-2 for Latvia since
    # 2021 and for Lithuania), or for a place added by hand without one, the country code and the name.
    code = models.CharField(_("official code"), max_length=60, unique=True)
    # The European local administrative unit code (LAU), unique within its country.
    # db_default: rows written by older migrations' models (which do not know the column) stay valid.
    lau_code = models.CharField(_("LAU code"), max_length=20, blank=True, default="", db_default="")
    key = models.CharField(max_length=1000, db_index=True, editable=False, default="", db_default="")
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
        indexes = by_name_indexes("municipality")
        constraints = [
            period_constraint("municipality_valid_period", "valid_from", "valid_to"),
            models.UniqueConstraint(fields=["country", "lau_code"], condition=~Q(lau_code=""),
                                    name="municipality_lau_code_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = names_key(self.name_lv, self.name_lt, self.name_en)
        super().save(*args, **kwargs)

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


class Organisation(Reviewable, models.Model):
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
        UNIVERSITY = "university", _("university")
        COMPANY = "company", _("company")
        EMBASSY = "embassy", _("embassy")
        INTERNATIONAL = "international", _("international organisation")
        LOCAL_ACTION_GROUP = "local_action_group", _("local action group")
        EUROREGION = "euroregion", _("euroregion")
        MINISTRY_AGENCY = "ministry_agency", _("ministry agency")
        OTHER = "other", _("other")

    slug = models.SlugField(_("short address"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)  # e.g. VARAM, LPS
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # Empty for international and multi-country bodies (the European Commission, a programme secretariat).
    country = models.ForeignKey(Country, models.PROTECT, null=True, blank=True, related_name="organisations",
                                verbose_name=_("country"))
    key = models.CharField(max_length=1000, db_index=True, editable=False, default="", db_default="")
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
    # Where it hosts events: the seats of its hall, as it states them; a new activity it hosts takes them as its
    # capacity unless the organiser gives another.
    venue_capacity = models.PositiveIntegerField(_("seats of its venue"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = by_name_indexes("organisation")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = names_key(self.name_lv, self.name_lt, self.name_en, self.short_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:organisation", args=[self.slug])


class Department(Reviewable, models.Model):
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


class Person(Reviewable, models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)  # personal data: shown only to coordinators
    photo_consent = models.BooleanField(_("agrees to be shown in public photos"), default=False)
    publication_consent = models.BooleanField(_("agrees to be named in publications"), default=False)
    # The language of their certificates and messages.
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="lv")
    # Asked for no non-essential mail (organisers' mailings, survey reminders); essential mail still comes.
    mail_opt_out = models.BooleanField(_("asked for no mailings"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="person",
        verbose_name=_("user account"),
    )
    key = models.CharField(max_length=1000, db_index=True, editable=False, default="", db_default="")
    # Set when kopa.privacy erased the person: the row stays, as an anonymous placeholder, so figures keep counting.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        # The people one may register, A to Z: the first twenty are read without sorting the whole directory.
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_name_order")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.key = names_key(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:person", args=[self.pk])


class Position(Reviewable, models.Model):
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


class OrganisationVariant(NameVariant):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="variants",
                                     verbose_name=_("organisation"))

    class Meta(NameVariant.Meta):
        verbose_name = _("name variant of an organisation")
        verbose_name_plural = _("name variants of organisations")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="organisation_variant_unique")]


class PersonVariant(NameVariant):
    person = models.ForeignKey(Person, models.CASCADE, related_name="variants", verbose_name=_("person"))

    class Meta(NameVariant.Meta):
        verbose_name = _("name variant of a person")
        verbose_name_plural = _("name variants of people")
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="person_variant_unique")]


class MunicipalityVariant(NameVariant):
    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="variants",
                                     verbose_name=_("place"))

    class Meta(NameVariant.Meta):
        verbose_name = _("name variant of a place")
        verbose_name_plural = _("name variants of places")
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="municipality_variant_unique")]


class Relationship(Reviewable, models.Model):
    """A lasting tie between two organisations, shown on both their pages. For a membership, `first` is the
    member and `second` the body (a euroregion, an association)."""

    class Kind(models.TextChoices):
        TWIN_TOWNS = "twin_towns", _("twin towns")
        PARTNERSHIP = "partnership", _("partnership agreement")
        MEMBERSHIP = "membership", _("member of")
        COOPERATION = "cooperation", _("cooperation agreement")
        PREPARING_PROJECT = "preparing_project", _("preparing a joint project")

    first = models.ForeignKey(Organisation, models.CASCADE, related_name="relationships_out",
                              verbose_name=_("organisation"))
    second = models.ForeignKey(Organisation, models.CASCADE, related_name="relationships_in",
                               verbose_name=_("with organisation"))
    kind = models.CharField(_("kind of relationship"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)  # the date of the agreement
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="directory/relationships/", blank=True,
                                validators=document_validators)
    link = models.URLField(_("link to the document"), blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("relationship between organisations")
        verbose_name_plural = _("relationships between organisations")
        ordering = ["kind", "start_date", "pk"]
        constraints = [
            period_constraint("relationship_period"),
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="relationship_not_self"),
        ]

    def __str__(self):
        return f"{self.first} — {self.get_kind_display()} — {self.second}"


class MergeLog(models.Model):
    """One merge of a duplicate into the entry kept: what, into what, by whom, when and what moved."""

    record_type = models.CharField(_("kind of entry"), max_length=100)  # "directory.organisation"
    kept_id = models.PositiveBigIntegerField(_("entry kept"))
    kept_name = models.CharField(_("name of the entry kept"), max_length=300)
    duplicate_id = models.PositiveBigIntegerField(_("duplicate"))
    duplicate_name = models.CharField(_("name of the duplicate"), max_length=300)
    # The duplicate's address in Kopā (slug, code or number): its old links lead to the entry kept.
    duplicate_reference = models.CharField(max_length=300, blank=True, db_index=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("merged by"))
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    # {"app.model.field": number of rows moved}, and what was dropped as already recorded for the entry kept.
    moved = models.JSONField(_("references moved"), default=dict)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at"]

    def __str__(self):
        return f"{self.duplicate_name} → {self.kept_name}"
