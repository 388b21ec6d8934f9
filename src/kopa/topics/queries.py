"""Named reads for topic pages, the API and other apps' topic filters; each costs a fixed number of queries."""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear

from kopa.core.translated import in_language_order

from .models import Topic
from .registry import Section, sections

RECORDS_PER_SECTION = 20


def folded(text: str) -> str:
    """Text compared the way a reader means it: case and diacritics aside, so "turisms", "TŪRISMS" and
    "Tūrisms" are one word. SQLite's LIKE and lower() fold only ASCII letters, so this is done in Python."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def topics_for_choice(queryset: QuerySet | None = None) -> QuerySet:
    """Topics in the order of the names the reader sees (their language, then the fallbacks).

    Call it when the choices are shown, not when a form class is defined: the order depends on the language.
    """
    queryset = Topic.objects.all() if queryset is None else queryset
    return queryset.order_by(in_language_order("name"), "pk")


def _matching_ids(text: str) -> list[int]:
    """Topics whose name in any language or one of whose synonyms contains every word of `text`.

    The vocabulary is small (tens to a few hundred rows), so it is read once and matched in Python, where
    "šķērs" finds "Šķērsrobežu" on SQLite too (see `folded`).
    """
    words = folded(text).split()
    rows = Topic.objects.values_list("pk", "name_lv", "name_lt", "name_en", "synonyms")
    matching = []
    for pk, *texts in rows:
        haystack = folded(" ".join(t for t in texts if t))
        if all(word in haystack for word in words):
            matching.append(pk)
    return matching


def topic_list(text: str = "", parent: Topic | None = None) -> QuerySet:
    """The vocabulary with each topic's broader topic, its narrower topics and their number (`narrower_count`)."""
    topics = Topic.objects.select_related("parent").annotate(narrower_count=Count("children"))
    if text.strip():
        topics = topics.filter(pk__in=_matching_ids(text))
    if parent is not None:
        topics = topics.filter(parent=parent)
    narrower = Prefetch("children", queryset=topics_for_choice())
    return topics_for_choice(topics).prefetch_related(narrower)


def descendant_ids(topic: Topic | int) -> list[int]:
    """The topic and every narrower topic below it, at any depth: a filter on "culture" also finds the
    records on "libraries and museums". One query, whatever the depth."""
    root = topic if isinstance(topic, int) else topic.pk
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Topic.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, waiting = [], [root]
    seen = set()
    while waiting:  # `seen` keeps a cycle written past the services from looping for ever
        pk = waiting.pop()
        if pk in seen:
            continue
        seen.add(pk)
        found.append(pk)
        waiting.extend(children.get(pk, ()))
    return found


@dataclass
class SectionPage:
    section: Section
    total: int
    # Years ascending, then None ("year not known") if some records have no date; empty without a year_field.
    per_year: dict[int | None, int]
    records: list[Any]
    list_url: str | None

    @property
    def has_more(self) -> bool:
        return self.total > len(self.records)


@dataclass
class TopicPage:
    topic: Topic
    narrower: list[Topic]
    sections: list[SectionPage] = field(default_factory=list)


def _per_year(items: QuerySet, year_field: str) -> dict[int | None, int]:
    # Counted over the records' ids, not over `items` itself: items are distinct over a join to the topics,
    # and a GROUP BY on that join would count a record once per matching topic.
    model = items.model
    rows = (
        model._default_manager.filter(pk__in=items.order_by().values("pk"))
        .annotate(year=ExtractYear(year_field) if isinstance(year_field, str) else year_field)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["year"]: row["n"] for row in rows}
    ordered = {year: counts[year] for year in sorted(y for y in counts if y is not None)}
    if None in counts:
        ordered[None] = counts[None]
    return ordered


def section_records(topic: Topic, key: str) -> tuple[Section, QuerySet] | None:
    """All the records of one section of the topic page (key as registered), for the paginated page of them;
    None for an unknown key."""
    section = next((s for s in sections() if s.key == key), None)
    return (section, section.items(descendant_ids(topic))) if section else None


def _section_page(section: Section, topic: Topic, ids: list[int]) -> SectionPage:
    items = section.items(ids)
    if section.year_field:
        per_year = _per_year(items, section.year_field)
        total = sum(per_year.values())  # one query for both
    else:
        per_year, total = {}, items.count()
    records = list(items[:RECORDS_PER_SECTION])
    return SectionPage(
        section=section, total=total, per_year=per_year, records=records,
        list_url=section.list_url(topic) if section.list_url else None,
    )


def topic_page(topic: Topic, narrower_shown: int | None = None) -> TopicPage:
    """Everything the topic page shows: 2 queries, then 2 per registered section, whatever the data size.

    Records on narrower topics count for the broader one. Load `topic` with select_related("parent").
    """
    narrower = list(topics_for_choice(topic.children.all())[:narrower_shown])
    ids = descendant_ids(topic)
    return TopicPage(
        topic=topic, narrower=narrower, sections=[_section_page(section, topic, ids) for section in sections()]
    )
