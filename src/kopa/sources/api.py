"""Sources, and the citations and values of any record (named by its kind, "activities.activity", and id)."""

from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import one_by
from kopa.api.pages import Pages
from kopa.core.errors import DomainError
from kopa.directory.models import Organisation

from . import queries, services
from .models import Citation, Source, SourcedValue
from .permissions import may_see_record_sources
from .records import LARGEST_ID, citable_content_type, label_of, record_of

router = Router(tags=["sources"])


class SourceOut(Schema):
    id: int
    url: str
    title: str
    publisher: str
    organisation: str | None  # the publishing organisation's short address in the directory
    language: str
    date_precision: str
    start_date: date | None  # bounds of the publication date, as precise as stated
    end_date: date | None
    year_from: int | None
    year_to: int | None
    published: str  # the date as stated, in the reader's language ("2019", "October 2019")
    note: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.organisation_id else None

    @staticmethod
    def resolve_published(obj):
        return obj.published_text


class SourceListOut(SourceOut):
    citation_count: int  # records citing it (annotated by queries.source_list)


class SourceIn(Schema):
    title: str
    url: str = ""
    publisher: str = ""
    organisation: str | None = None  # a short address (slug) in the directory
    language: str = ""  # ISO 639: lv, lt, en, de …
    note: str = ""
    date_precision: str = "unknown"  # day, month, year, unknown, … (as for activities)
    start_date: date | None = None
    end_date: date | None = None
    stated_day: int | None = None
    stated_month: int | None = None
    month_part: str = ""
    year_from: int | None = None
    year_to: int | None = None


class CitationOut(Schema):
    id: int
    record: str
    object_id: int
    field: str
    locator: str
    source: SourceOut
    created_at: datetime

    @staticmethod
    def resolve_record(obj):
        return label_of(obj.content_type)


class CitationIn(Schema):
    record: str  # "activities.activity", "directory.organisation", "projects.project" …
    object_id: int
    source: int | None = None  # a recorded source's id …
    new_source: SourceIn | None = None  # … or one described here (an address already recorded is reused)
    field: str = ""
    locator: str = ""


class ValueOut(Schema):
    id: int
    record: str
    object_id: int
    field: str
    value: str
    source: int
    source_title: str
    locator: str
    used: bool
    note: str

    @staticmethod
    def resolve_record(obj):
        return label_of(obj.content_type)

    @staticmethod
    def resolve_source(obj):
        return obj.source_id

    @staticmethod
    def resolve_source_title(obj):
        return obj.source.title


class ValueIn(Schema):
    record: str
    object_id: int
    field: str
    value: str
    source: int
    locator: str = ""
    note: str = ""
    used: bool = False


class ChooseIn(Schema):
    note: str | None = None


def _source_by_id(pk, name: str = "source") -> Source:
    source = Source.objects.filter(pk=pk).first() if pk is not None and 0 < pk <= LARGEST_ID else None
    if source is None:
        raise DomainError(_("Not found: %(values)s") % {"values": pk}, field=name, code="not_found")
    return source


def _record(label: str, object_id: int):
    return record_of(citable_content_type(label), object_id)


def _readable_record(request, label: str, object_id: int):
    """For reads: an unknown kind is a mistake in the request (400); an unknown or hidden record is 404."""
    content_type = citable_content_type(label)
    try:
        record = record_of(content_type, object_id)
    except DomainError:
        raise Http404 from None
    if not may_see_record_sources(request.user, record):
        raise Http404
    return content_type, record


def _source_fields(payload: SourceIn) -> dict:
    data = payload.dict()
    data["organisation"] = one_by(Organisation, "slug", data["organisation"], "organisation")
    return data


@router.get("/sources", response=list[SourceListOut])
@paginate(Pages)
def list_sources(request, q: str = ""):
    return queries.source_list(q[:200].replace("\x00", ""))  # PostgreSQL refuses NUL in a search


@router.get("/sources/{source_id}", response=SourceListOut)
def get_source(request, source_id: int):
    source = queries.source_list().filter(pk=source_id).first() if 0 < source_id <= LARGEST_ID else None
    if source is None:
        raise Http404
    return source


@router.post("/sources", response={201: SourceListOut}, auth=write_auth)
def create_source(request, payload: SourceIn):
    source = services.add_source(by=request.auth, **_source_fields(payload))
    return Status(201, queries.source_list().get(pk=source.pk))


@router.get("/citations", response=list[CitationOut])
@paginate(Pages)
def list_citations(request, record: str, id: int):  # noqa: A002  ("id" is the documented query parameter)
    content_type, obj = _readable_record(request, record, id)
    return queries.citations_of(content_type, obj.pk)


@router.post("/citations", response={201: CitationOut}, auth=write_auth)
def create_citation(request, payload: CitationIn):
    obj = _record(payload.record, payload.object_id)
    if (payload.source is None) == (payload.new_source is None):
        raise DomainError(_("Give either a recorded source or a new one."), field="source", code="required")
    if payload.new_source is not None:
        citation, _added = services.add_and_cite(record=obj, by=request.auth, field=payload.field,
                                                 locator=payload.locator, **_source_fields(payload.new_source))
    else:
        citation = services.cite(record=obj, source=_source_by_id(payload.source), by=request.auth,
                                 field=payload.field, locator=payload.locator)
    return Status(201, queries.citations_of(citation.content_type, citation.object_id).get(pk=citation.pk))


@router.delete("/citations/{citation_id}", response={204: None}, auth=write_auth)
def delete_citation(request, citation_id: int):
    citation = Citation.objects.filter(pk=citation_id).first() if 0 < citation_id <= LARGEST_ID else None
    if citation is None:
        raise Http404
    services.uncite(citation=citation, by=request.auth)
    return Status(204, None)


@router.get("/values", response=list[ValueOut])
@paginate(Pages)
def list_values(request, record: str, id: int):  # noqa: A002
    content_type, obj = _readable_record(request, record, id)
    return queries.values_of(content_type, obj.pk)


@router.post("/values", response={201: ValueOut}, auth=write_auth)
def create_value(request, payload: ValueIn):
    obj = _record(payload.record, payload.object_id)
    value = services.record_value(record=obj, field=payload.field, value=payload.value,
                                  source=_source_by_id(payload.source), by=request.auth, locator=payload.locator,
                                  note=payload.note, used=payload.used)
    return Status(201, queries.values_of(value.content_type, value.object_id).get(pk=value.pk))


@router.post("/values/{value_id}/use", response=ValueOut, auth=write_auth)
def use_value(request, value_id: int, payload: ChooseIn):
    value = SourcedValue.objects.filter(pk=value_id).first() if 0 < value_id <= LARGEST_ID else None
    if value is None:
        raise Http404
    chosen = services.choose_value(value=value, by=request.auth, note=payload.note)
    return queries.values_of(chosen.content_type, chosen.object_id).get(pk=chosen.pk)
