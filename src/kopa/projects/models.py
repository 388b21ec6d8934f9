"""C2 Projects: programmes and funds, projects, partnerships, funding, work plan, output indicators."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import period_constraint
from kopa.core.files import image_validators
from kopa.core.money import FLOATING_CHOICES, Amount, Currency, amount_or_none
from kopa.directory.models import Organisation


class ActivityKind(models.TextChoices):
    """Every kind of activity the sources report; activities and work-plan items share it."""

    STUDY_VISIT = "study_visit", _("study visit")
    SEMINAR = "seminar", _("seminar")
    WEBINAR = "webinar", _("webinar")
    INTERNATIONAL_CONFERENCE = "international_conference", _("international conference")
    REGIONAL_CONFERENCE = "regional_conference", _("regional conference")
    WORKSHOP = "workshop", _("workshop")
    TRAINING = "training", _("training")
    INDIVIDUAL_COACHING = "individual_coaching", _("individual coaching")
    GROUP_COACHING = "group_coaching", _("group coaching")
    WORKING_GROUP_MEETING = "working_group_meeting", _("working-group meeting")
    NATIONAL_CONFERENCE = "national_conference", _("national conference")
    FORUM = "forum", _("forum")
    STANDING_BODY_MEETING = "standing_body_meeting", _("meeting of a standing body")
    PILOT_ACTION = "pilot_action", _("pilot action")
    EXHIBITION = "exhibition", _("exhibition or fair")
    EXCURSION = "excursion", _("excursion")
    MEETING = "meeting", _("meeting")


class ExchangeRate(models.Model):
    """A dated rate of a currency with no fixed rate to the euro, as a coordinator found it, with its source.

    Amounts in that currency point to the rate they were converted at, so a page always shows which one."""

    currency = models.CharField(_("currency"), max_length=3, choices=FLOATING_CHOICES)
    date = models.DateField(_("date of the rate"))
    rate = models.DecimalField(_("units per euro"), max_digits=18, decimal_places=6)
    # Where the rate comes from: "ECB reference rate", "Norges Bank", the project's financial report …
    source = models.CharField(_("source of the rate"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-date"]
        constraints = [
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
            models.UniqueConstraint(fields=["currency", "date", "source"], name="exchange_rate_once_per_source"),
        ]

    def __str__(self):
        return f"{self.currency} {self.rate} ({self.date}, {self.source})"


class Fund(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)  # ERDF, ESF, NFM, EC …
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    funds = models.ManyToManyField(Fund, related_name="programmes", blank=True, verbose_name=_("funds"))
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [period_constraint("programme_years", "start_year", "end_year")]

    def __str__(self):
        return self.name


class FundingStatement(models.Model):
    """A statement (and logo) a programme or a fund requires on what its projects publish, and where.

    E.g. the EU co-financing sentence with the Interreg logo, the programme's responsibility disclaimer,
    the Norwegian Financial Mechanism's acknowledgement. Articles, activity and project pages, sign-in
    sheets and certificates of a funded project carry every statement that applies to that place.
    """

    class Place(models.TextChoices):
        ARTICLES = "on_articles", _("articles")
        ACTIVITY_PAGES = "on_activity_pages", _("activity pages")
        PROJECT_PAGES = "on_project_pages", _("project pages")
        SIGN_IN_SHEETS = "on_sign_in_sheets", _("sign-in sheets")
        CERTIFICATES = "on_certificates", _("certificates")

    programme = models.ForeignKey("Programme", models.CASCADE, null=True, blank=True, related_name="statements",
                                  verbose_name=_("programme"))
    fund = models.ForeignKey(Fund, models.CASCADE, null=True, blank=True, related_name="statements",
                             verbose_name=_("fund"))
    key = models.SlugField(_("key"), max_length=40)  # e.g. "funding", "disclaimer"
    text = models.TextField(_("statement"))
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True, validators=image_validators)
    logo_alt = models.CharField(_("text alternative of the logo"), max_length=300, blank=True)
    logo_required = models.BooleanField(_("the logo must appear with it"), default=False)
    on_articles = models.BooleanField(_("on articles"), default=True)
    on_activity_pages = models.BooleanField(_("on activity pages"), default=True)
    on_project_pages = models.BooleanField(_("on project pages"), default=True)
    on_sign_in_sheets = models.BooleanField(_("on sign-in sheets"), default=True)
    on_certificates = models.BooleanField(_("on certificates"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("funding statement")
        verbose_name_plural = _("funding statements")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(programme__isnull=False, fund__isnull=True)
                                   | Q(programme__isnull=True, fund__isnull=False), name="statement_has_one_owner"),
            models.UniqueConstraint(fields=["programme", "key"], name="statement_key_once_per_programme"),
            models.UniqueConstraint(fields=["fund", "key"], name="statement_key_once_per_fund"),
        ]

    def __str__(self):
        return f"{self.programme or self.fund}: {self.key}"


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")

    code = models.CharField(_("code"), max_length=60, unique=True)  # LLI-59, 4.3-24/NFI/INP-002 …
    acronym = models.CharField(_("acronym"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    objective = models.TextField(_("objective"), blank=True)
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)
    programme = models.ForeignKey(Programme, models.PROTECT, related_name="projects", verbose_name=_("programme"))
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    # The total budget as the funder's documents state it, in the currency they state it in.
    total_amount = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    total_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    # For a currency with no fixed rate to the euro: the dated rate the total is converted at.
    total_rate = models.ForeignKey(ExchangeRate, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("exchange rate"))
    organisations = models.ManyToManyField(Organisation, through="Partnership", related_name="projects")
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="projects", verbose_name=_("topics"))

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "code"]
        constraints = [
            period_constraint("project_period"),
            models.CheckConstraint(condition=Q(total_amount__gte=0), name="project_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.acronym or self.title}".strip()

    def get_absolute_url(self):
        return reverse("projects:project", args=[self.pk])

    @property
    def total(self) -> Amount | None:
        return amount_or_none(self.total_amount, self.total_currency, self.total_rate)

    @property
    def total_eur(self) -> Decimal | None:
        total = self.total
        return total.eur if total is not None and total.convertible else None


class Partnership(models.Model):
    class Role(models.TextChoices):
        LEAD_PARTNER = "lead_partner", _("lead partner")
        PARTNER = "partner", _("partner")
        ASSOCIATED = "associated", _("associated organisation")

    project = models.ForeignKey(Project, models.CASCADE, related_name="partnerships", verbose_name=_("project"))
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # For an associated organisation: the partner that brought it into the project.
    brought_in_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="associates",
        verbose_name=_("brought in by"),
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="partnership_once_per_project"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead_partner"), name="partnership_one_lead_partner"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class FundingShare(models.Model):
    """What one fund pays of a project, kept as entered (lats stay lats) and converted for totals."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="funding_shares", verbose_name=_("project"))
    fund = models.ForeignKey(Fund, models.PROTECT, related_name="funding_shares", verbose_name=_("fund"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    rate = models.ForeignKey(ExchangeRate, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("exchange rate"))
    # Where only the rate is known (e.g. "co-financed"), the share may stand without an amount.
    percentage = models.DecimalField(
        _("share stated (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )

    class Meta:
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        constraints = [
            models.UniqueConstraint(fields=["project", "fund"], name="funding_share_once_per_fund"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_share_not_negative"),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | (Q(percentage__gte=0) & Q(percentage__lte=100)),
                name="funding_share_percentage_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.project.code}: {self.fund.code}"

    @property
    def money(self) -> Amount | None:
        return amount_or_none(self.amount, self.currency, self.rate)

    @property
    def amount_eur(self) -> Decimal | None:
        money = self.money
        return money.eur if money is not None and money.convertible else None


class WorkPlanItem(models.Model):
    project = models.ForeignKey(Project, models.CASCADE, related_name="work_plan", verbose_name=_("project"))
    activity_kind = models.CharField(_("activity kind"), max_length=40, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    planned_count = models.PositiveIntegerField(_("planned number"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(_("target participants"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["project", "start_date", "pk"]
        constraints = [period_constraint("work_plan_item_period")]

    def __str__(self):
        return self.title


class OutputIndicator(models.Model):
    """A target the funder counts. The achieved value is computed by `rule`, never typed."""

    class Rule(models.TextChoices):
        ACTIVITIES_HELD = "activities_held", _("activities held")
        DISTINCT_PARTICIPANTS = "distinct_participants", _("distinct people who attended")
        ATTENDANCES = "attendances", _("attendances (a person counted once per activity)")
        ORGANISATIONS_PARTICIPATING = "organisations_participating", _("organisations whose staff attended")
        # Named attendance and recorded participation of organisations with no named people, together.
        ORGANISATIONS_TOOK_PART = "organisations_took_part", _("organisations that took part")
        MUNICIPALITIES_TOOK_PART = "municipalities_took_part", _("municipalities that took part")

    project = models.ForeignKey(Project, models.CASCADE, related_name="indicators", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    rule = models.CharField(_("counted as"), max_length=40, choices=Rule.choices)
    # A person-based count may use the numbers of participants reported for an activity where nobody was
    # registered by name; the project page then says "as reported".
    as_reported = models.BooleanField(_("uses reported headcounts"), default=False)
    # Only activities of this kind count; empty means every kind.
    activity_kind = models.CharField(
        _("activity kind"), max_length=40, choices=ActivityKind.choices, blank=True
    )

    class Meta:
        verbose_name = _("output indicator")
        verbose_name_plural = _("output indicators")
        ordering = ["project", "pk"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_not_negative")]

    def __str__(self):
        return self.name
