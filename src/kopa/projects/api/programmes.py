"""Programmes and funds: read by anyone; added by any coordinator, awaiting an administrator's review."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by
from kopa.api.pages import Pages

from .. import queries, services
from ..models import Fund, Programme
from .duplicates import AliasIn, DuplicatesOut, duplicates_answer
from .projects import ProgrammeOut

router = Router(tags=["programmes"])


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
@paginate(Pages)
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
        return Status(409, duplicates_answer(error))
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
        return Status(409, duplicates_answer(error))
    return Status(201, fund)
