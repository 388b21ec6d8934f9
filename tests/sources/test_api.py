import pytest

from kopa.sources.models import Citation, Source, SourcedValue
from tests import factories

from .builders import basic, organiser_and_coordinator, source

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json"}


def _post(client, path, body, user=None, **extra):
    return client.post(path, body, **JSON, **(basic(user) if user else {}), **extra)


def test_a_coordinator_cites_a_new_source_for_an_activity_and_a_known_one_for_an_organisation(client):
    organisation, activity, coordinator = organiser_and_coordinator()
    created = _post(client, "/api/citations", {
        "record": "activities.activity", "object_id": activity.pk, "field": "title", "locator": "p. 3",
        "new_source": {"title": "Vizīte Utenā", "url": "https://example.lv/zinas/1", "language": "lv",
                       "publisher": "VPR", "date_precision": "year", "year_from": 2019},
    }, coordinator)
    assert created.status_code == 201, created.content
    source_id = created.json()["source"]["id"]
    assert created.json()["source"]["published"] == "2019"
    again = _post(client, "/api/citations", {"record": "directory.organisation", "object_id": organisation.pk,
                                             "source": source_id}, coordinator)
    assert again.status_code == 201

    listed = client.get(f"/api/citations?record=activities.activity&id={activity.pk}").json()
    assert [(c["source"]["title"], c["field"], c["locator"]) for c in listed["items"]] == [
        ("Vizīte Utenā", "title", "p. 3")]
    of_organisation = client.get(f"/api/citations?record=directory.organisation&id={organisation.pk}").json()
    assert [c["source"]["id"] for c in of_organisation["items"]] == [source_id]
    read = client.get(f"/api/sources/{source_id}").json()
    assert read["citation_count"] == 2 and read["language"] == "lv"
    assert client.get("/api/sources?q=utenā").json()["count"] == 1


def test_a_coordinator_adds_a_source_and_an_anonymous_caller_is_asked_to_log_in(client):
    _organisation, _activity, coordinator = organiser_and_coordinator()
    assert _post(client, "/api/sources", {"title": "Ziņa"}).status_code == 401
    assert _post(client, "/api/sources", {"title": "Ziņa"}, factories.user()).status_code == 403
    response = _post(client, "/api/sources", {"title": "Ziņa", "url": "https://example.lt/naujiena"}, coordinator)
    assert response.status_code == 201 and response.json()["published"] == ""
    assert Source.objects.get().added_by == coordinator


def test_who_may_not_change_the_record_is_refused_403_and_nothing_is_cited(client):
    organisation, activity, _coordinator = organiser_and_coordinator()
    other = factories.partner_coordinator(factories.organisation(name="Cita"))
    known = source()
    for label, pk in (("activities.activity", activity.pk), ("directory.organisation", organisation.pk)):
        refused = _post(client, "/api/citations", {"record": label, "object_id": pk, "source": known.pk}, other)
        assert refused.status_code == 403
        refused_new = _post(client, "/api/citations", {"record": label, "object_id": pk,
                                                       "new_source": {"title": "Jauna"}}, other)
        assert refused_new.status_code == 403
    assert not Citation.objects.exists() and Source.objects.count() == 1


@pytest.mark.parametrize(("body", "field"), [
    ({"record": "nothing.here", "object_id": 1}, "record"),
    ({"record": "auth.user", "object_id": 1}, "record"),  # not a record that cites sources
    ({"record": "activities.activity", "object_id": 999999}, "object_id"),
    ({"record": "activities.activity", "object_id": 2**70}, "object_id"),
    ({"new_source": {"title": "Ziņa", "url": "not a url"}}, "url"),
    ({"new_source": {"title": "x" * 600}}, "title"),
    ({"new_source": {"title": "Ziņa", "language": "latvian"}}, "language"),
    ({"new_source": {"title": "Ziņa", "organisation": "no-such-organisation"}}, "organisation"),
    ({"source": 2**70}, "source"),
    ({"source": None}, "source"),  # neither a recorded source nor a new one
    ({"field": "nonsense"}, "field"),
    ({"locator": "p" * 300}, "locator"),
])
def test_bad_input_is_400_with_a_translated_message_and_nothing_is_saved(client, body, field):
    _organisation, activity, coordinator = organiser_and_coordinator()
    known = source()
    payload = {"record": "activities.activity", "object_id": activity.pk, "source": known.pk, **body}
    if "new_source" in body:
        payload["source"] = None
    answers = {}
    for language in ("lv", "en"):
        response = _post(client, "/api/citations", payload, coordinator, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, response.content
        assert response.json()["field"] == field
        answers[language] = response.json()["detail"]
    assert answers["lv"] != answers["en"]
    assert not Citation.objects.exists() and Source.objects.count() == 1


def test_reads_of_unknown_records_are_4xx_never_500(client):
    assert client.get("/api/citations?record=nothing.here&id=1").status_code == 400
    assert client.get("/api/citations?record=activities.activity&id=999999").status_code == 404
    # an id no database column can hold is a bad value (422 naming it), not an unknown record
    response = client.get(f"/api/citations?record=activities.activity&id={2**70}")
    assert response.status_code == 422 and "id" in response.content.decode()
    assert client.get("/api/citations?record=activities.activity&id=many").status_code == 422
    assert client.get("/api/citations").status_code == 422
    assert client.get("/api/sources/999999").status_code == 404
    assert client.get(f"/api/sources/{2**70}").status_code == 404
    assert client.get("/api/sources?limit=100000").status_code == 422  # at most 100 a page


def test_disagreeing_values_through_the_api(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    card, news = source(title="Kartīte"), source(title="Ziņa")
    body = {"record": "activities.activity", "object_id": activity.pk, "field": "capacity"}
    first = _post(client, "/api/values", {**body, "value": "25", "source": card.pk, "used": True}, coordinator)
    assert first.status_code == 201 and first.json()["used"]
    second_used = _post(client, "/api/values", {**body, "value": "26", "source": news.pk, "used": True}, coordinator)
    assert second_used.status_code == 400 and second_used.json()["field"] == "used"
    second = _post(client, "/api/values", {**body, "value": "26", "source": news.pk}, coordinator)
    assert second.status_code == 201 and not second.json()["used"]
    chosen = _post(client, f"/api/values/{second.json()['id']}/use", {}, coordinator)
    assert chosen.status_code == 200 and chosen.json()["used"]
    listed = client.get(f"/api/values?record=activities.activity&id={activity.pk}").json()["items"]
    assert [(v["value"], v["used"], v["source_title"]) for v in listed] == [
        ("26", True, "Ziņa"), ("25", False, "Kartīte")]
    assert _post(client, f"/api/values/{second.json()['id']}/use", {}, factories.user()).status_code == 403
    assert SourcedValue.objects.count() == 2


def test_a_citation_is_removed_by_who_may_change_the_record(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    created = _post(client, "/api/citations", {"record": "activities.activity", "object_id": activity.pk,
                                               "source": source().pk}, coordinator).json()
    assert client.delete(f"/api/citations/{created['id']}", **basic(factories.user())).status_code == 403
    assert client.delete(f"/api/citations/{created['id']}", **basic(coordinator)).status_code == 204
    assert client.delete(f"/api/citations/{created['id']}", **basic(coordinator)).status_code == 404
    assert not Citation.objects.exists()


def test_the_sources_of_a_record_hidden_from_the_reader_are_hidden_with_it(client):
    from kopa.sources import services as sources
    from kopa.surveys import services as surveys

    _organisation, activity, _coordinator = organiser_and_coordinator()
    questionnaire = surveys.create_questionnaire(titles={"lv": "Aptauja"}, sections=[], activity=activity)
    sources.cite(record=questionnaire, source=source(), by=None)
    address = f"/api/citations?record=surveys.questionnaire&id={questionnaire.pk}"
    assert client.get(address).status_code == 404  # its app's view rule keeps it from the public
    client.force_login(factories.user(is_superuser=True))  # reads follow the browser session's reader
    assert client.get(address).json()["count"] == 1


def test_the_sources_about_a_person_follow_the_naming_rule(client):
    from kopa.sources import services as sources

    organisation = factories.organisation()
    person = factories.employee(organisation)
    sources.cite(record=person, source=source(title="Intervija"), by=None)
    address = f"/api/citations?record=directory.person&id={person.pk}"
    assert client.get(address).status_code == 404  # not agreed to be named: no public page, no public sources
    client.force_login(factories.partner_coordinator(organisation))  # sees the person's contacts
    assert client.get(address).json()["count"] == 1


@pytest.mark.parametrize("body", [
    {"record": "activities.activity\x00", "object_id": 1, "source": 1},
    {"record": "activities.", "object_id": -1, "source": -1},
    {"record": ".activity", "object_id": 0, "source": 0},
    {"record": "activities.activity", "object_id": "x", "source": 1},
    {"record": ["activities.activity"], "object_id": 1, "source": 1},
    {"record": "activities.activity", "object_id": 1,
     "new_source": {"title": "Zi\x00ņa", "url": "javascript:alert(1)"}},
    {"record": "activities.activity", "object_id": 1, "new_source": {"title": None}},
    {"record": "activities.activity", "object_id": 1, "new_source": {"title": "Ziņa", "year_from": 10**9,
                                                                      "date_precision": "year"}},
    {"record": "activities.activity", "object_id": 1, "new_source": {"title": "Ziņa", "date_precision": "often"}},
    {"record": "activities.activity", "object_id": 1, "new_source": {"title": "Ziņa", "start_date": "yesterday"}},
    {"record": "activities.activity", "object_id": 1, "source": 1, "field": "x\x00", "locator": "p.\x00 3"},
    "not an object",
])
def test_odd_payloads_are_answered_4xx_and_never_a_server_error(client, body):
    _organisation, activity, coordinator = organiser_and_coordinator()
    known = source()
    if isinstance(body, dict):
        body = {**body, "object_id": activity.pk if body.get("object_id") == 1 else body.get("object_id")}
        if body.get("source") == 1:
            body["source"] = known.pk
    response = _post(client, "/api/citations", body, coordinator)
    assert 400 <= response.status_code < 500, response.content
    assert client.get("/api/sources?q=\x00%").status_code == 422  # a NUL in a query is refused, naming it
    assert client.get("/api/citations?record=\x00&id=1").status_code == 422
