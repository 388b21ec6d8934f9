import pytest

from kopa.topics.models import Topic
from tests import factories

from .builders import basic, coordinator

pytestmark = pytest.mark.django_db


def test_the_list_searches_and_filters_by_broader_topic(client):
    data = client.get("/api/topics?q=Interreg").json()
    assert [t["slug"] for t in data["items"]] == ["cross-border-cooperation"]
    assert data["items"][0]["parent"] == "international-cooperation"
    children = client.get("/api/topics?parent=culture").json()
    assert {t["slug"] for t in children["items"]} == {"cultural-heritage", "libraries-museums", "creative-industries"}
    assert client.get("/api/topics?parent=no-such-topic").json()["count"] == 0


def test_a_topic_is_read_with_its_names_children_synonyms_and_sections(client):
    data = client.get("/api/topics/culture").json()
    assert (data["name_lv"], data["name_lt"], data["name_en"]) == ("Kultūra", "Kultūra", "Culture")
    assert data["parent"] is None and "libraries-museums" in data["children"]
    assert data["narrower_count"] == 3
    assert isinstance(data["synonyms"], list) and isinstance(data["sections"], list)


def test_bad_input_is_answered_without_a_server_error(client):
    big = client.get("/api/topics?limit=100000")
    assert big.status_code == 422 and "limit" in big.content.decode()  # pages hold at most 100 (documented)
    assert len(client.get("/api/topics?limit=100").json()["items"]) <= 100
    assert client.get("/api/topics?offset=-5").status_code == 422
    assert client.get("/api/topics?limit=many").status_code == 422
    assert client.get("/api/topics/no-such-topic").status_code == 404


def test_a_coordinator_adds_a_topic_through_the_api(client):
    response = client.post("/api/topics", {"name_en": "Water sports", "parent": "sport", "synonyms": ["rowing"]},
                           content_type="application/json", **basic(coordinator()))
    assert response.status_code == 201
    assert response.json()["slug"] == "water-sports" and response.json()["parent"] == "sport"
    assert Topic.objects.get(slug="water-sports").synonym_list == ["rowing"]


def test_a_plain_participant_is_refused_and_an_anonymous_caller_asked_to_log_in(client):
    body = {"name_en": "Water sports"}
    refused = client.post("/api/topics", body, content_type="application/json", **basic(factories.user()))
    assert refused.status_code == 403
    assert client.post("/api/topics", body, content_type="application/json").status_code == 401
    assert not Topic.objects.filter(name_en="Water sports").exists()


def test_broken_rules_are_400_with_the_field(client):
    admin = factories.user(is_superuser=True)
    empty = client.post("/api/topics", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **basic(admin))
    assert empty.status_code == 400 and empty.json()["field"] == "name_lv"
    unknown = client.post("/api/topics", {"name_en": "Water sports", "parent": "nope"},
                          content_type="application/json", **basic(admin))
    assert unknown.status_code == 400 and unknown.json()["field"] == "parent"
    cycle = client.patch("/api/topics/culture", {"parent": "libraries-museums"},
                         content_type="application/json", **basic(admin))
    assert cycle.status_code == 400 and cycle.json()["field"] == "parent"
    assert Topic.objects.get(slug="culture").parent is None


def test_the_author_patches_their_topic(client):
    author = coordinator()
    client.post("/api/topics", {"name_en": "Water sports"}, content_type="application/json", **basic(author))
    response = client.patch("/api/topics/water-sports", {"name_lv": "Ūdens sports", "parent": "sport"},
                            content_type="application/json", **basic(author))
    assert response.status_code == 200
    assert response.json()["name_lv"] == "Ūdens sports" and response.json()["parent"] == "sport"
    other = client.patch("/api/topics/water-sports", {"name_lv": "Pārņemts"},
                         content_type="application/json", **basic(coordinator()))
    assert other.status_code == 403
    moved_up = client.patch("/api/topics/water-sports", {"parent": None}, content_type="application/json",
                            **basic(author))
    assert moved_up.json()["parent"] is None and moved_up.json()["name_en"] == "Water sports"
