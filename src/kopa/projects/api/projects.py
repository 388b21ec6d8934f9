"""Projects: read by anyone; started by any coordinator, changed by its own coordinators."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by, one_by
from kopa.api.pages import Pages
from kopa.core.dates import stated_dates_text
from kopa.directory.models import Organisation
from kopa.topics.models import Topic

from .. import queries, services
from ..dates import period_text
from ..models import Fund, Partnership, Programme, Project
from .duplicates import AliasIn, DuplicatesOut, duplicates_answer
from .rates import RateOut

router = Router(tags=["projects"])


class ProgrammeOut(Schema):
    code: str
    name: str


class PartnerOut(Schema):
    organisation: str
    name: str
    country: str | None
    role: str
    brought_in_by: str | None
    budget_amount: Decimal | None
    budget_currency: str
    budget_eur: Decimal | None
    budget_text: str
    budget_share: Decimal | None
    agreement_number: str
    agreement_date: date | None

    @staticmethod
    def resolve_budget_eur(obj):
        return obj.budget.eur if obj.budget is not None and obj.budget.convertible else None

    @staticmethod
    def resolve_budget_text(obj):
        return str(obj.budget or "")

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_country(obj):
        # An international body has no single country.
        return obj.organisation.country.code if obj.organisation.country_id else None

    @staticmethod
    def resolve_brought_in_by(obj):
        return obj.brought_in_by.organisation.slug if obj.brought_in_by else None


class FundingOut(Schema):
    fund: str
    amount: Decimal | None
    currency: str
    amount_eur: Decimal | None
    # The amount as pages show it, with its euro value (and the rate of a currency with no fixed rate).
    amount_text: str
    rate: RateOut | None
    percentage: Decimal | None

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.code

    @staticmethod
    def resolve_amount_text(obj):
        return str(obj.money or "")


class ProjectOut(Schema):
    id: int
    code: str  # empty: not stated
    acronym: str
    title: str
    title_lv: str | None
    title_lt: str | None
    title_en: str | None
    agreement_number: str
    programme: ProgrammeOut | None
    start_date: date | None
    end_date: date | None
    start_precision: str
    end_precision: str
    duration_months: int | None
    # The period as pages show it ("until 30.04.2019", "18 months").
    period_text: str
    status: str
    awaiting_review: bool
    total_amount: Decimal | None
    total_currency: str
    total_eur: Decimal | None
    total_text: str
    total_rate: RateOut | None

    @staticmethod
    def resolve_total_text(obj):
        return str(obj.total or "")

    @staticmethod
    def resolve_period_text(obj):
        return period_text(obj)


class AttachmentOut(Schema):
    title: str
    href: str


class OutputOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    date_text: str
    start_date: date | None
    end_date: date | None
    date_precision: str
    attachments: list[AttachmentOut]
    topics: list[str]

    @staticmethod
    def resolve_date_text(obj):
        return stated_dates_text(obj)

    @staticmethod
    def resolve_attachments(obj):
        return [{"title": str(a), "href": a.href} for a in obj.attachments.all()]

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]


class AchievementOut(Schema):
    id: int
    qualifier: str
    value: int | None
    what: str
    text: str
    source: str
    reported_on: date | None


class ReportingPeriodOut(Schema):
    number: int
    start_date: date
    end_date: date
    report_due: date | None


class ReportingPeriodIn(Schema):
    number: int | None = None
    start_date: date
    end_date: date
    report_due: date | None = None


class ProjectDetailOut(ProjectOut):
    objective: str
    associated_count_stated: int | None
    partners: list[PartnerOut]
    funding: list[FundingOut]
    topics: list[str]
    aliases: list[str]
    outputs: list[OutputOut]
    # Results as the project reports them; never part of the indicators Kopā computes.
    achievements: list[AchievementOut]
    reporting_periods: list[ReportingPeriodOut]

    @staticmethod
    def resolve_reporting_periods(obj):
        return list(obj.reporting_periods.all())

    @staticmethod
    def resolve_aliases(obj):
        return [a.name for a in obj.aliases.all()]

    @staticmethod
    def resolve_outputs(obj):
        return list(obj.outputs.all())

    @staticmethod
    def resolve_achievements(obj):
        return list(obj.achievements.all())

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_partners(obj):
        return list(obj.partnerships.all())

    @staticmethod
    def resolve_funding(obj):
        return list(obj.funding_shares.all())


class ProjectIn(Schema):
    code: str = ""
    programme: str | None = None  # a programme's code; empty when the text names none
    acronym: str = ""
    title_lv: str = ""
    title_lt: str = ""
    title_en: str = ""
    objective_lv: str = ""
    agreement_number: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: Project.Status = Project.Status.PLANNED
    total_amount: Decimal | None = None
    total_currency: str = "EUR"
    start_precision: str = "day"
    end_precision: str = "day"
    duration_months: int | None = None
    associated_count_stated: int | None = None
    topics: list[str] = []
    aliases: list[str] = []
    # Likely duplicates are answered with 409 and the candidates; send true to add it all the same.
    confirm_new: bool = False


class ProjectPatch(Schema):
    code: str | None = None  # "" when the code is not stated
    programme: str | None = None  # a programme's code; "" for none stated
    acronym: str | None = None
    title_lv: str | None = None
    title_lt: str | None = None
    title_en: str | None = None
    objective_lv: str | None = None
    agreement_number: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    status: Project.Status | None = None
    total_amount: Decimal | None = None
    total_currency: str | None = None
    start_precision: str | None = None
    end_precision: str | None = None
    duration_months: int | None = None
    associated_count_stated: int | None = None
    topics: list[str] | None = None


class FundingIn(Schema):
    amount: Decimal | None = None
    currency: str = "EUR"
    percentage: Decimal | None = None


class PartnerIn(Schema):
    organisation: str
    role: Partnership.Role
    brought_in_by: str | None = None
    budget_amount: Decimal | None = None
    budget_currency: str = "EUR"
    budget_share: Decimal | None = None
    agreement_number: str = ""
    agreement_date: date | None = None


class LinkIn(Schema):
    url: str
    title: str = ""


class OutputIn(Schema):
    kind: str
    title_lv: str = ""
    title_lt: str = ""
    title_en: str = ""
    description_lv: str = ""
    description_lt: str = ""
    description_en: str = ""
    date_precision: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    year_from: int | None = None
    links: list[LinkIn] = []
    topics: list[str] = []


class AchievementIn(Schema):
    what_lv: str = ""
    what_lt: str = ""
    what_en: str = ""
    value: int | None = None
    qualifier: str = "exactly"
    text_lv: str = ""
    text_lt: str = ""
    text_en: str = ""
    source: str = ""
    reported_on: date | None = None


def _detail(pk: int) -> Project:
    return queries.project_page(pk).project


@router.get("/projects", response=list[ProjectOut])
@paginate(Pages)
def list_projects(request, programme: str = "", q: str = "", topic: str = ""):
    programme_obj = Programme.objects.filter(code=programme).first() if programme else None
    topic_obj = Topic.objects.filter(slug=topic).first() if topic else None
    if topic and topic_obj is None:
        return Project.objects.none()
    # The list's rows carry no partners (the detail does): the page's prefetch of them is left out.
    return queries.project_list(programme=programme_obj, text=q, topic=topic_obj).prefetch_related(None)


@router.get("/projects/{pk}", response=ProjectDetailOut)
def get_project(request, pk: int):
    get_object_or_404(Project, pk=pk)
    return _detail(pk)


@router.post("/projects", response={201: ProjectDetailOut, 409: DuplicatesOut}, auth=write_auth)
def create_project(request, payload: ProjectIn):
    """Any coordinator may start a project (and coordinates it from then on); it awaits an administrator's review."""
    data = payload.dict()
    data["programme"] = one_by(Programme, "code", data["programme"], "programme")
    data["topics"] = all_by(Topic, "slug", data["topics"], "topics")
    try:
        project = services.create_project(by=request.auth, **data)
    except services.LikelyDuplicates as error:
        return Status(409, duplicates_answer(error))
    return Status(201, _detail(project.pk))


@router.patch("/projects/{pk}", response=ProjectDetailOut, auth=write_auth)
def patch_project(request, pk: int, payload: ProjectPatch):
    project = get_object_or_404(Project, pk=pk)
    data = payload.dict(exclude_unset=True)
    if "topics" in data:
        data["topics"] = all_by(Topic, "slug", data["topics"], "topics")
    if "programme" in data:
        data["programme"] = one_by(Programme, "code", data["programme"], "programme")
    services.update_project(project=project, by=request.auth, **data)
    return _detail(pk)


@router.put("/projects/{pk}/funding/{fund_code}", response=ProjectDetailOut, auth=write_auth)
def put_funding_share(request, pk: int, fund_code: str, payload: FundingIn):
    project = get_object_or_404(Project, pk=pk)
    fund = get_object_or_404(Fund, code=fund_code)
    services.set_funding_share(project=project, fund=fund, by=request.auth, **payload.dict())
    return _detail(pk)


@router.post("/projects/{pk}/partners", response={201: ProjectDetailOut}, auth=write_auth)
def add_partner(request, pk: int, payload: PartnerIn):
    project = get_object_or_404(Project, pk=pk)
    organisation = get_object_or_404(Organisation, slug=payload.organisation)
    brought_in_by = None
    if payload.brought_in_by:
        brought_in_by = get_object_or_404(Partnership, project=project, organisation__slug=payload.brought_in_by)
    data = payload.dict(exclude={"organisation", "role", "brought_in_by"})
    services.add_partner(project=project, organisation=organisation, role=payload.role,
                         brought_in_by=brought_in_by, by=request.auth, **data)
    return Status(201, _detail(pk))


@router.post("/projects/{pk}/outputs", response={201: ProjectDetailOut}, auth=write_auth)
def add_output(request, pk: int, payload: OutputIn):
    """An output that is not an event (a guideline, a study, equipment …), with links and topics."""
    project = get_object_or_404(Project, pk=pk)
    data = payload.dict()
    data["topics"] = all_by(Topic, "slug", data["topics"], "topics")
    data["links"] = [(link["url"], link["title"]) for link in data["links"]]
    data = {k: v for k, v in data.items() if v is not None}
    services.add_output(project=project, by=request.auth, **data)
    return Status(201, _detail(pk))


@router.post("/projects/{pk}/achievements", response={201: ProjectDetailOut}, auth=write_auth)
def add_achievement(request, pk: int, payload: AchievementIn):
    project = get_object_or_404(Project, pk=pk)
    services.add_achievement(project=project, by=request.auth, **payload.dict())
    return Status(201, _detail(pk))


@router.post("/projects/{pk}/aliases", response={201: ProjectDetailOut}, auth=write_auth)
def add_project_alias(request, pk: int, payload: AliasIn):
    project = get_object_or_404(Project, pk=pk)
    services.add_project_alias(project=project, by=request.auth, **payload.dict())
    return Status(201, _detail(pk))


@router.post("/projects/{pk}/reporting-periods", response={201: ProjectDetailOut}, auth=write_auth)
def add_reporting_period(request, pk: int, payload: ReportingPeriodIn):
    project = get_object_or_404(Project, pk=pk)
    services.add_reporting_period(project=project, by=request.auth, **payload.dict())
    return Status(201, _detail(pk))
