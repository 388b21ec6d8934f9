from datetime import UTC, datetime

import pytest
from django import forms
from django.utils import translation

from kopa.topics import queries, registry
from kopa.topics.forms import TopicFilterField
from kopa.topics.models import Topic
from kopa.topics.registry import Section

from .builders import topic

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _in_english():
    """These tests read messages and labels in English (the suite starts each test in Latvian)."""
    with translation.override("en"):
        yield



@pytest.fixture
def narrower_topics_section(monkeypatch):
    """A section over Topic itself (the narrower topics of a topic), alone in the registry for the test (the
    apps' own sections are put back after it)."""
    monkeypatch.setattr(registry, "_sections", {})
    section = Section(
        key="narrower",
        label="Narrower",
        items=lambda ids: Topic.objects.filter(parent_id__in=ids).order_by("-created_at", "-pk"),
        year_field="created_at",
        list_url=lambda t: f"/somewhere/?topic={t.slug}",
    )
    registry.register_section(section)
    return section


def test_descendant_ids_reach_every_depth_in_one_query(django_assert_num_queries):
    culture = Topic.objects.get(slug="culture")
    museums = Topic.objects.get(slug="libraries-museums")
    pedagogy = topic(name_en="Museum pedagogy", parent=museums)
    with django_assert_num_queries(1):
        ids = queries.descendant_ids(culture)
    assert {culture.pk, museums.pk, pedagogy.pk} <= set(ids)
    assert Topic.objects.get(slug="tourism").pk not in ids


def test_the_list_finds_names_in_any_language_and_synonyms_case_and_diacritics_aside():
    def slugs(text):
        return {t.slug for t in queries.topic_list(text)}

    assert "cross-border-cooperation" in slugs("PĀRROBEŽU")
    assert "cross-border-cooperation" in slugs("parrobezu")
    assert "cross-border-cooperation" in slugs("interreg")
    assert slugs("turizmas") == {"tourism"}
    assert slugs("") == set(Topic.objects.values_list("slug", flat=True))


def test_the_list_counts_narrower_topics():
    culture = next(t for t in queries.topic_list("") if t.slug == "culture")
    assert culture.narrower_count == 3


def test_the_registry_replaces_a_section_registered_again(narrower_topics_section):
    registry.register_section(Section(key="narrower", label="Again", items=narrower_topics_section.items))
    assert [s.label for s in registry.sections() if s.key == "narrower"] == ["Again"]


def test_the_topic_page_costs_the_same_queries_whatever_the_data(narrower_topics_section, django_assert_num_queries):
    culture = Topic.objects.select_related("parent").get(slug="culture")
    with django_assert_num_queries(4):
        page = queries.topic_page(culture)
    assert page.sections[0].total == 3  # the seeded narrower topics of culture
    for n in range(30):
        topic(name_en=f"Culture part {n}", parent=culture)
    with django_assert_num_queries(4):
        page = queries.topic_page(culture)
    part = page.sections[0]
    assert part.total == 33 and len(part.records) == 20 and part.has_more
    assert part.list_url == "/somewhere/?topic=culture"
    assert sum(part.per_year.values()) == 33


def test_counts_per_year_ascend_and_records_without_a_date_come_last(monkeypatch):
    monkeypatch.setattr(registry, "_sections", {})
    # The narrower topics of a topic, dated by their broader topic's broader topic: none for the first level.
    registry.register_section(Section(
        key="by-grandparent", label="x", year_field="parent__parent__created_at",
        items=lambda ids: Topic.objects.filter(parent_id__in=ids).order_by("-pk"),
    ))
    culture = Topic.objects.get(slug="culture")
    Topic.objects.filter(pk=culture.pk).update(created_at=datetime(2019, 6, 1, tzinfo=UTC))
    museums = Topic.objects.get(slug="libraries-museums")
    topic(name_en="Museum pedagogy", parent=museums)
    page = queries.topic_page(culture)
    assert list(page.sections[0].per_year.items()) == [(2019, 1), (None, 3)]


class _Filters(forms.Form):
    topic = TopicFilterField()  # built at import time, in whatever language was active then


def test_the_topic_filter_is_ordered_for_the_reader_and_takes_slugs():
    for language, first in (("en", "Adult education"), ("lt", "Aplinka"),
                            ("lv", "Atkritumi un ūdenssaimniecība")):
        with translation.override(language):
            choices = list(_Filters().fields["topic"].choices)
        assert str(choices[1][1]) == first, language
    form = _Filters({"topic": "tourism"})
    assert form.is_valid() and form.cleaned_data["topic"].slug == "tourism"
    assert not _Filters({"topic": "no-such-topic"}).is_valid()
    assert _Filters({}).is_valid()
    assert _Filters().fields["topic"].label == "Topic"
