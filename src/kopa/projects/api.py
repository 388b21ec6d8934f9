from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by, one_by
from kopa.core.dates import stated_dates_text
from kopa.directory.models import Organisation
from kopa.topics.models import Topic

from . import queries, services
from .dates import period_text
from .models import ExchangeRate, Fund, Partnership, Programme, Project

router = Router(tags=["projects"])


class ProgrammeOut(Schema):
    code: str
    name: str


class PartnerOut(Schema):
    organisation: str
    name: str
    country: str
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
        return obj.organisation.country.code

    @staticmethod
    def resolve_brought_in_by(obj):
        return obj.brought_in_by.organisation.slug if obj.brought_in_by else None


class RateOut(Schema):
    currency: str
    date: date
    rate: Decimal  # units of the currency per euro
    source: str


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


class RateIn(Schema):
    currency: str
    date: date
    rate: Decimal
    source: str


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


class AliasIn(Schema):
    name: str
    kind: str = "spelling"
    note: str = ""


class CandidateOut(Schema):
    id: int
    label: str
    url: str


class DuplicatesOut(Schema):
    detail: str
    candidates: list[CandidateOut]


def _duplicates(error) -> DuplicatesOut:
    return {"detail": str(error.message), "candidates": [
        {"id": c.pk, "label": str(c), "url": c.get_absolute_url() if hasattr(c, "get_absolute_url") else ""}
        for c in error.candidates]}


def _detail(pk: int) -> Project:
    return queries.project_page(pk).project


@router.get("/projects", response=list[ProjectOut])
@paginate(LimitOffsetPagination)
def list_projects(request, programme: str = "", q: str = "", topic: str = ""):
    programme_obj = Programme.objects.filter(code=programme).first() if programme else None
    topic_obj = Topic.objects.filter(slug=topic).first() if topic else None
    if topic and topic_obj is None:
        return Project.objects.none()
    return queries.project_list(programme=programme_obj, text=q, topic=topic_obj)


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
        return Status(409, _duplicates(error))
    return Status(201, _detail(project.pk))


@router.patch("/projects/{pk}", response=ProjectDetailOut, auth=write_auth)
def patch_project(request, pk: int, payload: ProjectPatch):
    project = get_object_or_404(Project, pk=pk)
    data = payload.dict(exclude_unset=True)
    if "topics" in data:
        data["topics"] = all_by(Topic, "slug", data["topics"], "topics")
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


# Programmes and funds -------------------------------------------------------------------------------------------

class FundOut(Schema):
    code: str
    name: str
    awaiting_review: bool


class PriorityOut(Schema):
    code: str
    title: str


class AllocationOut(Schema):
    fund: str | None
    amount: Decimal
    currency: str
    amount_eur: Decimal | None
    amount_text: str
    note: str

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.code if obj.fund_id else None

    @staticmethod
    def resolve_amount_eur(obj):
        return obj.money.eur if obj.money.convertible else None

    @staticmethod
    def resolve_amount_text(obj):
        return str(obj.money)


class CallOut(Schema):
    title: str
    start_date: date | None
    end_date: date | None
    amount_text: str
    url: str

    @staticmethod
    def resolve_amount_text(obj):
        return str(obj.money or "")


class BodyOut(Schema):
    organisation: str
    name: str
    role: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.name


class ProgrammeDetailOut(Schema):
    code: str
    name: str
    description: str
    start_year: int | None
    end_year: int | None
    website: str
    awaiting_review: bool
    aliases: list[str]
    funds: list[FundOut]
    donors: list[str]
    priorities: list[PriorityOut]
    allocations: list[AllocationOut]
    calls: list[CallOut]
    bodies: list[BodyOut]
    projects: list[int]

    @staticmethod
    def resolve_aliases(obj):
        return [a.name for a in obj.aliases.all()]

    @staticmethod
    def resolve_funds(obj):
        return list(obj.funds.all())

    @staticmethod
    def resolve_donors(obj):
        return [d.slug for d in obj.donors.all()]

    @staticmethod
    def resolve_priorities(obj):
        return list(obj.priorities.all())

    @staticmethod
    def resolve_allocations(obj):
        return list(obj.allocations.all())

    @staticmethod
    def resolve_calls(obj):
        return list(obj.calls.all())

    @staticmethod
    def resolve_bodies(obj):
        return list(obj.bodies.all())

    @staticmethod
    def resolve_projects(obj):
        return [p.pk for p in obj.page_projects]


class ProgrammeIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    code: str = ""
    start_year: int | None = None
    end_year: int | None = None
    website: str = ""
    description_lv: str = ""
    aliases: list[str] = []
    funds: list[str] = []
    confirm_new: bool = False


class FundIn(Schema):
    code: str
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    confirm_new: bool = False


def _programme(code: str):
    page = queries.programme_page(code)
    page.programme.page_projects = page.projects
    return page.programme


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(LimitOffsetPagination)
def list_programmes(request):
    return queries.programme_list()


@router.get("/programmes/{code}", response=ProgrammeDetailOut)
def get_programme(request, code: str):
    get_object_or_404(Programme, code=code)
    return _programme(code)


@router.post("/programmes", response={201: ProgrammeDetailOut, 409: DuplicatesOut}, auth=write_auth)
def create_programme(request, payload: ProgrammeIn):
    """Any coordinator may add a programme a text names; it awaits an administrator's review."""
    data = payload.dict()
    funds = all_by(Fund, "code", data["funds"], "funds")
    try:
        programme = services.add_programme(
            by=request.auth, names={lang: data[f"name_{lang}"] for lang in ("lv", "lt", "en")}, code=data["code"],
            start_year=data["start_year"], end_year=data["end_year"], website=data["website"],
            descriptions={"lv": data["description_lv"]}, aliases=data["aliases"], funds=funds,
            confirm_new=data["confirm_new"])
    except services.LikelyDuplicates as error:
        return Status(409, _duplicates(error))
    return Status(201, _programme(programme.code))


@router.post("/programmes/{code}/aliases", response={201: ProgrammeDetailOut}, auth=write_auth)
def add_programme_alias(request, code: str, payload: AliasIn):
    programme = get_object_or_404(Programme, code=code)
    services.add_programme_alias(programme=programme, by=request.auth, **payload.dict())
    return Status(201, _programme(code))


@router.post("/funds", response={201: FundOut, 409: DuplicatesOut}, auth=write_auth)
def create_fund(request, payload: FundIn):
    data = payload.dict()
    try:
        fund = services.add_fund(by=request.auth, code=data["code"], confirm_new=data["confirm_new"],
                                 names={lang: data[f"name_{lang}"] for lang in ("lv", "lt", "en")})
    except services.LikelyDuplicates as error:
        return Status(409, _duplicates(error))
    return Status(201, fund)


@router.get("/exchange-rates", response=list[RateOut])
def list_rates(request, currency: str = ""):
    rates = ExchangeRate.objects.order_by("currency", "-date", "-pk")
    return rates.filter(currency=currency) if currency else rates


@router.post("/exchange-rates", response={201: RateOut}, auth=write_auth)
def add_rate(request, payload: RateIn):
    return Status(201, services.add_exchange_rate(by=request.auth, **payload.dict()))
