"""Named reads: the sources of one record, of a page's list of records, and the list of sources; each costs a
fixed number of queries whatever the number of citations (plus, once per process and kind of record, the
content type, which Django then keeps in memory)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from .models import Citation, Source, SourcedValue
from .records import field_label

# The attribute prefetch_sources() leaves on each record, read by sources_of() and the {% sources %} tag.
PREFETCHED = "_kopa_sources"


@dataclass
class FieldValues:
    """The values sources state for one field of a record; more than one distinct value is a disagreement."""

    field: str
    label: str
    values: list[SourcedValue]

    @property
    def used(self) -> SourcedValue | None:
        return next((value for value in self.values if value.used), None)

    @property
    def disagree(self) -> bool:
        return len({value.value for value in self.values}) > 1


@dataclass
class RecordSources:
    citations: list[Citation] = field(default_factory=list)
    values: list[SourcedValue] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        """Each source once, in the order first cited (a source cited for two fields is one source)."""
        seen: dict[int, Source] = {}
        for citation in self.citations:
            seen.setdefault(citation.source_id, citation.source)
        return list(seen.values())

    @property
    def by_field(self) -> list[FieldValues]:
        grouped: dict[str, list[SourcedValue]] = defaultdict(list)
        for value in self.values:
            grouped[value.field].append(value)
        return [FieldValues(name, field_label(values[0].content_type.model_class(), name), values)
                for name, values in grouped.items()]

    def __bool__(self) -> bool:
        return bool(self.citations or self.values)


def _citations() -> QuerySet:
    return Citation.objects.select_related("source__organisation", "content_type").order_by("pk")


def _values() -> QuerySet:
    return SourcedValue.objects.select_related("source", "content_type").order_by("field", "-used", "pk")


def _records_filter(records) -> Q:
    by_type: dict[int, set[int]] = defaultdict(set)
    for record in records:
        by_type[ContentType.objects.get_for_model(record).pk].add(record.pk)
    condition = Q(pk__in=[])
    for content_type_id, ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    return condition


def prefetch_sources(records) -> list:
    """Read the sources of every record of a list page at once: 2 queries for any number of records (none for
    an empty list), then `sources_of(record)` and `{% sources record %}` cost nothing more. Records of several
    kinds may be mixed. Returns the records as a list (a queryset is evaluated)."""
    records = [record for record in records if record is not None and record.pk is not None]
    if not records:
        return records
    condition = _records_filter(records)
    found: dict[tuple[int, int], RecordSources] = defaultdict(RecordSources)
    for citation in _citations().filter(condition):
        found[(citation.content_type_id, citation.object_id)].citations.append(citation)
    for value in _values().filter(condition):
        found[(value.content_type_id, value.object_id)].values.append(value)
    for record in records:
        key = (ContentType.objects.get_for_model(record).pk, record.pk)
        setattr(record, PREFETCHED, found.get(key) or RecordSources())
    return records


def sources_of(record) -> RecordSources:
    """The citations (with their sources and publishers) and the values from sources of one record: 2 queries,
    or none after prefetch_sources()."""
    prefetched = getattr(record, PREFETCHED, None)
    if prefetched is not None:
        return prefetched
    return getattr(prefetch_sources([record])[0], PREFETCHED)


def citations_of(content_type: ContentType, object_id: int) -> QuerySet:
    """For the API's list of a record's citations (paginated there): one query per page and one for the count."""
    return _citations().filter(content_type=content_type, object_id=object_id)


def values_of(content_type: ContentType, object_id: int) -> QuerySet:
    return _values().filter(content_type=content_type, object_id=object_id)


def source_list(text: str = "") -> QuerySet:
    """Sources newest first, each with the number of records citing it; `text` searches title, publisher and
    address."""
    sources = Source.objects.select_related("organisation").annotate(citation_count=Count("citations"))
    for word in text.split():
        sources = sources.filter(Q(title__icontains=word) | Q(publisher__icontains=word) | Q(url__icontains=word))
    return sources.order_by("-created_at", "-pk")
