from datetime import date
from typing import Literal

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.pages import Pages
from kopa.core.errors import DomainError, PermissionDenied

from . import duplicates, queries, services
from .countries import check_country_code
from .models import Country, Department, Municipality, Organisation, Person

router = Router(tags=["directory"])


class VariantOut(Schema):
    name: str
    kind: str
    language: str
    note: str


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
    lau_code: str
    variants: list[VariantOut]
    population: list[PopulationOut]
    successors: list[str]
    predecessors: list[str]

    @staticmethod
    def resolve_variants(obj):
        return list(obj.variants.all())

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
    country: str | None  # None: an international or multi-country body
    municipality: str | None
    website: str
    awaiting_review: bool

    @staticmethod
    def resolve_country(obj):
        return obj.country.code if obj.country_id else None

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality else None


@router.get("/municipalities", response=list[MunicipalityOut])
@paginate(Pages)
def list_municipalities(request, country: str = "", kind: str = "", status: str = "", q: str = ""):
    return queries.municipality_list(country=None, kind=kind, status=status, text=q).filter(
        **({"country__code": country.upper()} if country else {})
    )


@router.get("/municipalities/{code}", response=MunicipalityDetailOut)
def get_municipality(request, code: str):
    get_object_or_404(Municipality, code=code)
    return queries.municipality_page(code)["municipality"]


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Pages)
def list_organisations(request, country: str = "", kind: str = "", q: str = ""):
    return queries.organisation_list(kind=kind, text=q).filter(
        **({"country__code": country.upper()} if country else {})
    )


class RelationshipOut(Schema):
    kind: str
    reads: str
    organisation: str
    signed_on: date | None
    start_date: date | None
    end_date: date | None
    link: str


class OrganisationDetailOut(OrganisationOut):
    variants: list[VariantOut]
    relationships: list[RelationshipOut]

    @staticmethod
    def resolve_variants(obj):
        return list(obj.variants.all())

    @staticmethod
    def resolve_relationships(obj):
        return [{"kind": r.kind, "reads": reads, "organisation": other.slug, "signed_on": r.signed_on,
                 "start_date": r.start_date, "end_date": r.end_date, "link": r.link}
                for r, other, reads in obj.relationship_rows]


@router.get("/organisations/{slug}", response=OrganisationDetailOut)
def get_organisation(request, slug: str):
    get_object_or_404(Organisation, slug=slug)
    context = queries.organisation_page(slug)
    organisation = context["organisation"]
    organisation.relationship_rows = context["relationships"]
    return organisation


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


# Additions by coordinators. A likely duplicate answers 409 with the candidates, unless "confirm_new" is true.

def _candidate_rows(candidates) -> list[dict]:
    rows = []
    for candidate in candidates:
        record = candidate.record
        reference = getattr(record, "slug", None) or getattr(record, "code", None) or record.pk
        rows.append({"reference": reference, "name": str(record), "reasons": [str(r) for r in candidate.reasons]})
    return rows


def _duplicates(found: services.LikelyDuplicates):
    return Status(409, {"detail": str(found.message), "field": found.field,
                        "candidates": _candidate_rows(found.candidates)})


class CandidateOut(Schema):
    reference: str | int
    name: str
    reasons: list[str]


class DuplicatesOut(Schema):
    detail: str
    field: str | None
    candidates: list[CandidateOut]


class OrganisationIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    short_name: str = Field("", max_length=60)
    kind: str
    country: str | None = None  # ISO 3166-1 alpha-2; none for an international body
    municipality: str | None = None  # a place's code or exact name
    website: str = ""
    description_lv: str = ""
    confirm_new: bool = False


@router.post("/organisations", response={201: OrganisationOut, 409: DuplicatesOut}, auth=write_auth)
def add_organisation(request, payload: OrganisationIn):
    place = queries.place_by_reference(payload.municipality, field="municipality") if payload.municipality else None
    try:
        organisation = services.add_organisation(
            by=request.auth, names={"lv": payload.name_lv, "lt": payload.name_lt, "en": payload.name_en},
            kind=payload.kind, country=payload.country, short_name=payload.short_name, municipality=place,
            website=payload.website, descriptions={"lv": payload.description_lv}, confirm_new=payload.confirm_new)
    except services.LikelyDuplicates as found:
        return _duplicates(found)
    return Status(201, Organisation.objects.select_related("country", "municipality").get(pk=organisation.pk))


class PlaceIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    country: str
    kind: str
    code: str = Field("", max_length=60)
    lau_code: str = Field("", max_length=20)
    valid_from: date | None = None
    valid_to: date | None = None
    confirm_new: bool = False


@router.post("/municipalities", response={201: MunicipalityOut, 409: DuplicatesOut}, auth=write_auth)
def add_place(request, payload: PlaceIn):
    try:
        place = services.add_place(
            by=request.auth, names={"lv": payload.name_lv, "lt": payload.name_lt, "en": payload.name_en},
            country=payload.country, kind=payload.kind, code=payload.code, lau_code=payload.lau_code,
            valid_from=payload.valid_from, valid_to=payload.valid_to, confirm_new=payload.confirm_new)
    except services.LikelyDuplicates as found:
        return _duplicates(found)
    return Status(201, Municipality.objects.select_related("country", "region").get(pk=place.pk))


class PersonIn(Schema):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = ""
    publication_consent: bool = False
    organisation: str | None = None  # slug or exact name: the person's position there
    title: str = ""
    confirm_new: bool = False


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    awaiting_review: bool


@router.post("/people", response={201: PersonOut, 409: DuplicatesOut}, auth=write_auth)
def add_person(request, payload: PersonIn):
    organisation = (queries.organisation_by_reference(payload.organisation) if payload.organisation else None)
    try:
        with transaction.atomic():  # the person and their position: both or neither
            person = services.add_person(
                by=request.auth, first_name=payload.first_name, last_name=payload.last_name, email=payload.email,
                publication_consent=payload.publication_consent, confirm_new=payload.confirm_new)
            if organisation is not None:
                services.add_position(by=request.auth, person=person, organisation=organisation,
                                      titles={"lv": payload.title})
    except services.LikelyDuplicates as found:
        return _duplicates(found)
    return Status(201, person)


class PositionIn(Schema):
    organisation: str
    title_lv: str = ""
    title_en: str = ""
    department: str = ""  # a department's name at that organisation
    start_date: date | None = None
    end_date: date | None = None


class PositionOut(Schema):
    id: int
    organisation: str
    title: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug


@router.post("/people/{pk}/positions", response={201: PositionOut}, auth=write_auth)
def add_position(request, pk: int, payload: PositionIn):
    person = get_object_or_404(Person, pk=pk)
    organisation = queries.organisation_by_reference(payload.organisation)
    department = None
    if payload.department:
        department = Department.objects.filter(organisation=organisation, name_lv=payload.department).first()
        if department is None:
            raise DomainError(_("Not found: %(values)s") % {"values": payload.department}, field="department",
                              code="not_found")
    position = services.add_position(by=request.auth, person=person, organisation=organisation,
                                     titles={"lv": payload.title_lv, "en": payload.title_en}, department=department,
                                     start_date=payload.start_date, end_date=payload.end_date)
    return Status(201, position)


class DepartmentIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""


class DepartmentOut(Schema):
    id: int
    name: str


@router.post("/organisations/{slug}/departments", response={201: DepartmentOut}, auth=write_auth)
def add_department(request, slug: str, payload: DepartmentIn):
    organisation = get_object_or_404(Organisation, slug=slug)
    return Status(201, services.add_department(by=request.auth, organisation=organisation,
                                        names={"lv": payload.name_lv, "lt": payload.name_lt, "en": payload.name_en}))


class VariantIn(Schema):
    name: str
    kind: str = "spelling"
    language: str = ""
    note: str = ""


RECORDS = {"organisations": (Organisation, "slug"), "people": (Person, "pk"), "municipalities": (Municipality, "code")}


def _record(collection: str, reference: str):
    model, field = RECORDS[collection]
    if field == "pk" and not reference.isdigit():
        raise Http404
    return get_object_or_404(model, **{field: reference})


@router.post("/{collection}/{reference}/variants", response={201: VariantOut}, auth=write_auth)
def add_variant(request, collection: Literal["organisations", "people", "municipalities"], reference: str,
                payload: VariantIn):
    record = _record(collection, reference)
    return Status(201, services.add_variant(by=request.auth, record=record, name=payload.name, kind=payload.kind,
                                     language=payload.language, note=payload.note))


class RelationshipIn(Schema):
    other: str  # the other organisation's slug or exact name
    kind: str  # twin_towns, partnership, membership (this one is the member), cooperation, preparing_project
    signed_on: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    link: str = ""
    note: str = ""


@router.post("/organisations/{slug}/relationships", response={201: RelationshipOut}, auth=write_auth)
def add_relationship(request, slug: str, payload: RelationshipIn):
    organisation = get_object_or_404(Organisation, slug=slug)
    other = queries.organisation_by_reference(payload.other, field="other")
    relationship = services.add_relationship(
        by=request.auth, first=organisation, second=other, kind=payload.kind, signed_on=payload.signed_on,
        start_date=payload.start_date, end_date=payload.end_date, link=payload.link, note=payload.note)
    return Status(201, {"kind": relationship.kind, "reads": relationship.get_kind_display(), "organisation": other.slug,
                 "signed_on": relationship.signed_on, "start_date": relationship.start_date,
                 "end_date": relationship.end_date, "link": relationship.link})


class ReviewIn(Schema):
    collection: Literal["organisations", "people", "municipalities"]
    reference: str


@router.post("/reviews", response={204: None}, auth=write_auth)
def review(request, payload: ReviewIn):
    services.review_entry(by=request.auth, record=_record(payload.collection, payload.reference))
    return Status(204, None)


class MergeIn(Schema):
    collection: Literal["organisations", "people", "municipalities"]
    kept: str
    duplicate: str


class MergeOut(Schema):
    kept: str
    duplicate: str
    moved: dict


@router.post("/merges", response={201: MergeOut}, auth=write_auth)
def merge(request, payload: MergeIn):
    if not request.auth.has_perm("directory.merge_entries"):
        raise PermissionDenied(_("Only administrators merge entries of the directory."), code="permission")
    kept = _record(payload.collection, payload.kept)
    duplicate = _record(payload.collection, payload.duplicate)
    log = services.merge_entries(kept=kept, duplicate=duplicate, by=request.auth)
    return Status(201, {"kept": log.kept_name, "duplicate": log.duplicate_name, "moved": log.moved})


class PersonPatch(Schema):
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    email: str | None = None
    photo_consent: bool | None = None
    publication_consent: bool | None = None


@router.patch("/people/{pk}", response=PersonOut, auth=write_auth)
def patch_person(request, pk: int, payload: PersonPatch):
    person = get_object_or_404(Person.objects.prefetch_related("positions"), pk=pk)
    return services.update_person(by=request.auth, person=person, **payload.dict(exclude_unset=True))


class PlacePatch(Schema):
    name_lv: str | None = None
    name_lt: str | None = None
    name_en: str | None = None
    kind: str | None = None
    lau_code: str | None = Field(None, max_length=20)
    valid_from: date | None = None
    valid_to: date | None = None


@router.patch("/municipalities/{code}", response=MunicipalityOut, auth=write_auth)
def patch_place(request, code: str, payload: PlacePatch):
    place = get_object_or_404(Municipality, code=code)
    place = services.update_place(by=request.auth, place=place, **payload.dict(exclude_unset=True))
    return Municipality.objects.select_related("country", "region").get(pk=place.pk)


@router.get("/directory/duplicates", response=list[CandidateOut])
def likely_duplicates(request, kind: Literal["organisations", "people", "municipalities"], name: str = "",
                      first_name: str = "", last_name: str = "", country: str = "", short_name: str = "",
                      email: str = ""):
    """What an addition would be warned about, asked before posting it (a bounded list, best first)."""
    country_row = None
    if country:
        code = check_country_code(country)
        country_row = Country.objects.filter(code=code).first()
    if kind == "organisations":
        found = duplicates.organisation_duplicates(names=[name], short_name=short_name, country=country_row)
    elif kind == "municipalities":
        found = duplicates.place_duplicates(names=[name], country=country_row)
    else:
        if not request.user.has_perm("directory.add_entry"):
            raise PermissionDenied(_("Only coordinators and administrators may add to the directory."),
                                   code="permission")  # people's names are not for anonymous readers
        found = duplicates.person_duplicates(first_name=first_name, last_name=last_name, email=email)
    return _candidate_rows(found)
