from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kopa.api.auth import write_auth

from . import queries, services
from .models import Municipality, Organisation

router = Router(tags=["directory"])


class PopulationOut(Schema):
    on_date: date | None
    date_note: str
    value: int
    source: str


class MunicipalityOut(Schema):
    code: str
    name: str
    name_lv: str | None
    name_lt: str | None
    name_en: str | None
    kind: str
    country: str
    region: str | None
    valid_from: date | None
    valid_to: date | None

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_region(obj):
        return obj.region.code if obj.region else None


class MunicipalityDetailOut(MunicipalityOut):
    population: list[PopulationOut]
    successors: list[str]
    predecessors: list[str]

    @staticmethod
    def resolve_population(obj):
        return list(obj.population_figures.all())

    @staticmethod
    def resolve_successors(obj):
        return [s.successor.code for s in obj.successions_out.all()]

    @staticmethod
    def resolve_predecessors(obj):
        return [s.predecessor.code for s in obj.successions_in.all()]


class OrganisationOut(Schema):
    slug: str
    name: str
    name_lv: str | None
    name_lt: str | None
    name_en: str | None
    short_name: str
    kind: str
    country: str
    municipality: str | None
    website: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality else None


@router.get("/municipalities", response=list[MunicipalityOut])
@paginate(LimitOffsetPagination)
def list_municipalities(request, country: str = "", kind: str = "", status: str = "", q: str = ""):
    return queries.municipality_list(country=None, kind=kind, status=status, text=q).filter(
        **({"country__code": country.upper()} if country else {})
    )


@router.get("/municipalities/{code}", response=MunicipalityDetailOut)
def get_municipality(request, code: str):
    get_object_or_404(Municipality, code=code)
    return queries.municipality_page(code)["municipality"]


@router.get("/organisations", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def list_organisations(request, country: str = "", kind: str = "", q: str = ""):
    return queries.organisation_list(kind=kind, text=q).filter(
        **({"country__code": country.upper()} if country else {})
    )


@router.get("/organisations/{slug}", response=OrganisationOut)
def get_organisation(request, slug: str):
    return get_object_or_404(Organisation.objects.select_related("country", "municipality"), slug=slug)


class OrganisationPatch(Schema):
    name_lv: str | None = None
    name_lt: str | None = None
    name_en: str | None = None
    short_name: str | None = None
    website: str | None = None


@router.patch("/organisations/{slug}", response=OrganisationOut, auth=write_auth)
def patch_organisation(request, slug: str, payload: OrganisationPatch):
    organisation = get_object_or_404(Organisation, slug=slug)
    organisation = services.update_organisation(
        organisation=organisation, by=request.auth, **payload.dict(exclude_unset=True)
    )
    return Organisation.objects.select_related("country", "municipality").get(pk=organisation.pk)
