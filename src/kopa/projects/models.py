"""C2 Projects: programmes and funds, projects, partnerships, funding, work plan, output indicators."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import DatePrecision, StatedDates, period_constraint
from kopa.core.files import document_validators, image_validators
from kopa.core.money import FLOATING_CHOICES, Amount, Currency, amount_or_none
from kopa.core.names import NameVariant
from kopa.core.review import Reviewable
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


PERIOD_PRECISION_CHOICES = [(p.value, p.label) for p in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR)]


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


class Fund(Reviewable):
    code = models.CharField(_("code"), max_length=20, unique=True)  # ERDF, ESF, NFM, EC …
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Programme(Reviewable):
    # Its own short code where it has one ("interreg-lv-lt"); else made from the name when a coordinator adds it.
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Who gives the money (Iceland, Liechtenstein and Norway for the EEA Grants; the European Union …).
    donors = models.ManyToManyField(Organisation, blank=True, related_name="donated_programmes",
                                    verbose_name=_("donors"))
    funds = models.ManyToManyField(Fund, related_name="programmes", blank=True, verbose_name=_("funds"))
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Years participants' personal data is kept after a project of the programme ends (its audit period);
    # empty: the site's KOPA_RETENTION_YEARS (kopa.privacy erases what has passed it).
    retention_years = models.PositiveSmallIntegerField(_("years personal data is kept after a project ends"),
                                                       null=True, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [period_constraint("programme_years", "start_year", "end_year")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:programme", args=[self.code])


class ProgrammeAlias(NameVariant):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="aliases", verbose_name=_("programme"))

    class Meta(NameVariant.Meta):
        verbose_name = _("name variant of a programme")
        verbose_name_plural = _("name variants of programmes")
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="programme_alias_once")]


class ProgrammePriority(models.Model):
    """A priority (axis, objective) of a programme, as its documents number and name it."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="priorities", verbose_name=_("programme"))
    code = models.CharField(_("number"), max_length=20, blank=True)  # "1", "2.1", "PO4"
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["programme", "position", "code", "pk"]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class ProgrammeAllocation(models.Model):
    """Money the programme has for a fund or a priority, in the currency its documents use."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="allocations", verbose_name=_("programme"))
    fund = models.ForeignKey(Fund, models.PROTECT, null=True, blank=True, related_name="allocations",
                             verbose_name=_("fund"))
    priority = models.ForeignKey(ProgrammePriority, models.CASCADE, null=True, blank=True,
                                 related_name="allocations", verbose_name=_("priority"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    rate = models.ForeignKey(ExchangeRate, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("exchange rate"))
    note = models.CharField(_("note"), max_length=300, blank=True)  # "EU co-financing", "national co-financing"

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["programme", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="allocation_not_negative")]

    def __str__(self):
        return f"{self.programme}: {self.amount} {self.currency}"

    @property
    def money(self) -> Amount:
        return Amount(self.amount, self.currency, self.rate)


class CallForProposals(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="calls", verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=500)
    start_date = models.DateField(_("opens"), null=True, blank=True)
    end_date = models.DateField(_("closes"), null=True, blank=True)
    amount = models.DecimalField(_("amount available"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    rate = models.ForeignKey(ExchangeRate, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("exchange rate"))
    url = models.URLField(_("address"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["programme", "-start_date", "pk"]
        constraints = [
            period_constraint("call_period"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="call_amount_not_negative"),
        ]

    def __str__(self):
        return self.title

    @property
    def money(self) -> Amount | None:
        return amount_or_none(self.amount, self.currency, self.rate)


class ProgrammeBody(models.Model):
    """An organisation with a part in running the programme."""

    class Role(models.TextChoices):
        MANAGING_AUTHORITY = "managing_authority", _("managing authority")
        JOINT_SECRETARIAT = "joint_secretariat", _("joint secretariat")
        NATIONAL_AUTHORITY = "national_authority", _("national authority")
        AUDIT_AUTHORITY = "audit_authority", _("audit authority")
        CONTACT_POINT = "contact_point", _("contact point")
        OPERATOR = "operator", _("programme operator")

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="bodies", verbose_name=_("programme"))
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="programme_roles",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("programme body")
        verbose_name_plural = _("programme bodies")
        ordering = ["programme", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "organisation", "role"], name="body_role_once")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


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


class Project(Reviewable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")

    # LLI-59, 4.3-24/NFI/INP-002 …; many texts name a project with no code ("not stated", unique when stated).
    code = models.CharField(_("code"), max_length=60, blank=True)
    acronym = models.CharField(_("acronym"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    objective = models.TextField(_("objective"), blank=True)
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)
    programme = models.ForeignKey(Programme, models.PROTECT, null=True, blank=True, related_name="projects",
                                  verbose_name=_("programme"))
    # The bounds of the period (a start stated as "May 2017" is kept as 1 May 2017, an end "in 2019" as
    # 31 December 2019); either may be missing. The precisions say what the text stated (kopa.projects.dates).
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    start_precision = models.CharField(_("start stated as"), max_length=20, choices=PERIOD_PRECISION_CHOICES,
                                       default=DatePrecision.DAY)
    end_precision = models.CharField(_("end stated as"), max_length=20, choices=PERIOD_PRECISION_CHOICES,
                                     default=DatePrecision.DAY)
    # "The project lasts 18 months": kept as stated, with or without dates.
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    # "… and 12 associated organisations": the number the text states, whether or not each is recorded.
    associated_count_stated = models.PositiveSmallIntegerField(_("associated organisations (number stated)"),
                                                               null=True, blank=True)
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
        # The project list's order (`project_list`), so its first page is read from here instead of a sort.
        indexes = [models.Index(F("start_date").desc(), F("code").asc(), name="project_newest_first")]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="project_code_once_when_stated"),
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


class ProjectAlias(NameVariant):
    project = models.ForeignKey(Project, models.CASCADE, related_name="aliases", verbose_name=_("project"))

    class Meta(NameVariant.Meta):
        verbose_name = _("name variant of a project")
        verbose_name_plural = _("name variants of projects")
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="project_alias_once")]


class ReportingPeriod(models.Model):
    """A period the project reports on to its funder (the 1st, 2nd … period), and when that report is due."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="reporting_periods",
                                verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    report_due = models.DateField(_("report due"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            period_constraint("reporting_period_dates"),
            models.UniqueConstraint(fields=["project", "number"], name="reporting_period_number_once"),
        ]

    def __str__(self):
        return f"{self.number}: {self.start_date}–{self.end_date}"


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
    # The partner's own part of the project, as its agreement or the project card states it.
    budget_amount = models.DecimalField(_("partner's budget"), max_digits=14, decimal_places=2, null=True,
                                        blank=True)
    budget_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    budget_rate = models.ForeignKey(ExchangeRate, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("exchange rate"))
    # The partner's share of the project budget as stated (%), which need not match the amounts.
    budget_share = models.DecimalField(_("partner's share stated (%)"), max_digits=6, decimal_places=3, null=True,
                                       blank=True)
    # The partner's own agreement (a partnership agreement with the lead partner, or its own contract).
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="partnership_once_per_project"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead_partner"), name="partnership_one_lead_partner"
            ),
            models.CheckConstraint(condition=Q(budget_amount__gte=0), name="partnership_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(budget_share__isnull=True) | (Q(budget_share__gte=0) & Q(budget_share__lte=100)),
                name="partnership_share_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def budget(self) -> Amount | None:
        return amount_or_none(self.budget_amount, self.budget_currency, self.budget_rate)


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


class Output(StatedDates):
    """What a project produced that is not an event: a document, a guideline, a tool, equipment, a study, a letter,
    a broadcast. Dated as precisely as its source says (kopa.core.dates.StatedDates)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        GUIDELINE = "guideline", _("guideline")
        TOOL = "tool", _("tool")
        EQUIPMENT = "equipment", _("equipment")
        STUDY = "study", _("study")
        LETTER = "letter", _("letter")
        BROADCAST = "broadcast", _("broadcast")
        OTHER = "other", _("other output")

    project = models.ForeignKey(Project, models.CASCADE, related_name="outputs", verbose_name=_("project"))
    kind = models.CharField(_("kind of output"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="project_outputs",
                                    verbose_name=_("topics"))

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["project", "start_date", "pk"]
        constraints = [period_constraint("output_period")]

    def __str__(self):
        return self.title


class OutputAttachment(models.Model):
    """A file of an output, or a link to where it is published."""

    output = models.ForeignKey(Output, models.CASCADE, related_name="attachments", verbose_name=_("output"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="outputs/", blank=True, validators=document_validators)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("file or link")
        verbose_name_plural = _("files and links")
        ordering = ["output", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                                   name="attachment_is_a_file_or_a_link"),
        ]

    def __str__(self):
        return self.title or self.url or self.file.name

    @property
    def href(self) -> str:
        return self.url or self.file.url


class ReportedAchievement(models.Model):
    """A result a project reports about itself ("reached 120 specialists"), kept as stated with its source and
    shown apart from the output indicators Kopā counts."""

    class Qualifier(models.TextChoices):
        # The same words as an activity's reported headcount.
        EXACTLY = "exactly", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")
        ALMOST = "almost", _("almost")
        UP_TO = "up_to", _("up to")

    project = models.ForeignKey(Project, models.CASCADE, related_name="achievements", verbose_name=_("project"))
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACTLY)
    value = models.PositiveIntegerField(_("number"), null=True, blank=True)
    # What was counted or achieved ("specialists reached", "municipalities that adopted the plan"); translated.
    what = models.CharField(_("what was achieved"), max_length=300)
    # The sentence as the source states it.
    text = models.TextField(_("as stated"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)

    class Meta:
        verbose_name = _("reported achievement")
        verbose_name_plural = _("reported achievements")
        ordering = ["project", "pk"]

    def __str__(self):
        return self.what
