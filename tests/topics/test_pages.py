import re

import pytest
from django.urls import reverse

from kopa.topics import registry
from kopa.topics.models import Topic
from kopa.topics.registry import Section
from tests import factories

from .builders import coordinator, topic

pytestmark = pytest.mark.django_db

EMPTY = {"name_lv": "", "name_lt": "", "name_en": "", "parent": "", "synonyms": ""}


def _h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)


@pytest.mark.parametrize("language, name, narrower", [
    ("lv", "Kultūra", "Bibliotēkas un muzeji"),
    ("lt", "Kultūra", "Bibliotekos ir muziejai"),
    ("en", "Culture", "Libraries and museums"),
])
def test_the_topic_page_and_list_show_names_in_the_pages_language(client, language, name, narrower):
    html = client.get(f"/{language}/topics/culture/").content.decode()
    assert _h1(html) == name
    assert narrower in html
    listing = client.get(f"/{language}/topics/").content.decode()
    assert narrower in listing and f'href="/{language}/topics/culture/"' in listing


def test_a_name_shown_from_another_language_is_marked_with_that_language(client):
    topic(name_lt="Vandens sportas")
    html = client.get("/lv/topics/vandens-sportas/").content.decode()
    assert _h1(html) == '<span lang="lt">Vandens sportas</span>'
    assert '<span lang="lt">Vandens sportas</span>' in client.get("/lv/topics/?q=vandens").content.decode()


def test_the_list_searches_and_paginates(client, settings):
    settings.KOPA_PAGE_SIZE = 5
    html = client.get("/en/topics/?q=Interreg").content.decode()
    assert "Cross-border cooperation" in html and "Tourism" not in html
    assert 'rel="next"' in client.get("/en/topics/").content.decode()


def test_a_coordinator_adds_a_topic_on_the_page(client):
    client.force_login(coordinator())
    response = client.post(reverse("topics:new"), {**EMPTY, "name_lv": "Ūdens sports",
                                                    "parent": "sport", "synonyms": "airēšana"})
    added = Topic.objects.get(name_lv="Ūdens sports")
    assert response.status_code == 302 and response["Location"] == added.get_absolute_url()
    assert added.parent.slug == "sport"


def test_a_plain_participant_gets_403_on_the_new_topic_page(client):
    client.force_login(factories.user())
    assert client.get(reverse("topics:new")).status_code == 403
    assert client.post(reverse("topics:new"), {**EMPTY, "name_lv": "Ūdens sports"}).status_code == 403
    assert not Topic.objects.filter(name_lv="Ūdens sports").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("topics:new"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_empty_name_is_refused_on_the_form_and_nothing_is_saved(client):
    client.force_login(coordinator())
    count = Topic.objects.count()
    english = client.post("/en/topics/new/", EMPTY).content.decode()
    assert "Give the topic a name in at least one language." in english
    latvian = client.post("/lv/topics/new/", EMPTY).content.decode()
    assert 'class="field-error"' in latvian and 'aria-invalid="true"' in latvian
    assert Topic.objects.count() == count


def test_a_cycle_is_refused_on_the_edit_page(client):
    client.force_login(factories.user(is_superuser=True))
    response = client.post("/en/topics/culture/edit/", {**EMPTY, "name_en": "Culture", "parent": "libraries-museums"})
    assert "cannot be placed under itself" in response.content.decode()
    assert Topic.objects.get(slug="culture").parent is None


def test_only_the_author_and_administrators_see_and_use_the_edit_page(client):
    author = coordinator()
    added = topic(name_lv="Ūdens sports")
    Topic.objects.filter(pk=added.pk).update(added_by=author)
    edit = reverse("topics:edit", args=[added.slug])
    client.force_login(coordinator())
    assert client.get(edit).status_code == 403
    assert edit not in client.get(added.get_absolute_url()).content.decode()
    client.force_login(author)
    assert edit in client.get(added.get_absolute_url()).content.decode()
    response = client.post(edit, {**EMPTY, "name_lv": "Ūdens sports", "name_en": "Water sports"})
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.name_en == "Water sports" and added.name_lv == "Ūdens sports"


def test_an_unknown_topic_is_404(client):
    assert client.get("/lv/topics/no-such-topic/").status_code == 404


def test_the_topic_page_shows_sections_with_counts_per_year_at_a_fixed_query_count(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(registry, "_sections", {})
    registry.register_section(Section(
        key="narrower", label="Narrower ones", year_field="created_at",
        items=lambda ids: Topic.objects.filter(parent_id__in=ids).order_by("-created_at", "-pk"),
        list_url=lambda t: f"/en/topics/?q={t.slug}",
    ))
    with django_assert_num_queries(5):  # the topic, then topic_page's 4
        small = client.get("/en/topics/culture/").content.decode()
    culture = Topic.objects.get(slug="culture")
    for n in range(25):
        topic(name_en=f"Culture part {n}", parent=culture)
    with django_assert_num_queries(5):
        html = client.get("/en/topics/culture/").content.decode()
    assert "Narrower ones" in small and "3 records on this topic" in small
    assert "28 records on this topic" in html and "The latest 20 are listed." in html
    assert '<th scope="row">' in html and 'href="/en/topics/?q=culture"' in html
    assert 'href="/en/topics/culture-part-24/"' in html  # newest first


def test_the_edit_form_starts_from_the_topics_broader_topic(client):
    client.force_login(factories.user(is_superuser=True))
    html = client.get("/en/topics/libraries-museums/edit/").content.decode()
    assert re.search(r'<option value="culture" selected>', html)
    assert 'lang="lt"' in html  # the Lithuanian name's input is marked as Lithuanian
