from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by
from kopa.directory.models import Organisation
from kopa.topics.models import Topic

from . import queries, services
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
    code: str
    acronym: str
    title: str
    title_lv: str | None
    title_lt: str | None
    title_en: str | None
    agreement_number: str
    programme: ProgrammeOut
    start_date: date | None
    end_date: date | None
    status: str
    total_amount: Decimal | None
    total_currency: str
    total_eur: Decimal | None
    total_text: str
    total_rate: RateOut | None

    @staticmethod
    def resolve_total_text(obj):
        return str(obj.total or "")


class ProjectDetailOut(ProjectOut):
    objective: str
    partners: list[PartnerOut]
    funding: list[FundingOut]
    topics: list[str]

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
    code: str
    programme: str
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
    topics: list[str] = []


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


@router.post("/projects", response={201: ProjectDetailOut}, auth=write_auth)
def create_project(request, payload: ProjectIn):
    data = payload.dict()
    data["programme"] = get_object_or_404(Programme, code=data["programme"])
    data["topics"] = all_by(Topic, "slug", data["topics"], "topics")
    project = services.create_project(by=request.auth, **data)
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
    services.add_partner(project=project, organisation=organisation, role=payload.role,
                         brought_in_by=brought_in_by, by=request.auth)
    return Status(201, _detail(pk))


@router.get("/exchange-rates", response=list[RateOut])
def list_rates(request, currency: str = ""):
    rates = ExchangeRate.objects.order_by("currency", "-date", "-pk")
    return rates.filter(currency=currency) if currency else rates


@router.post("/exchange-rates", response={201: RateOut}, auth=write_auth)
def add_rate(request, payload: RateIn):
    return Status(201, services.add_exchange_rate(by=request.auth, **payload.dict()))
