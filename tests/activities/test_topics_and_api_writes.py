"""Topics on activities, projects and needs (lists filter by them, the topic page counts them per year), and
activities entered through the API over the same services: stated dates, participation, headcounts,
programme items and parallel groups. Bad input answers 4xx and saves nothing."""

import base64
from datetime import date

import pytest

from kopa.activities import services
from kopa.activities.models import Activity, Breakout, Headcount, Participation, ProgrammeItem
from kopa.projects import services as project_services
from kopa.topics.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db


def _topic(slug):
    return Topic.objects.get(slug=slug)


def test_lists_filter_by_topic_and_a_broader_topic_finds_the_narrower_ones(client):
    culture, creative = _topic("culture"), _topic("creative-industries")
    assert creative.parent == culture
    on_creative = factories.activity(title_lv="Inkubatoru vizīte", topics=[creative])
    on_tourism = factories.activity(title_lv="Tūrisma seminārs", topics=[_topic("tourism")])
    page = client.get("/lv/activities/?topic=culture").content.decode()
    assert "Inkubatoru vizīte" in page and "Tūrisma seminārs" not in page
    ids = [a["id"] for a in client.get("/api/activities?topic=culture").json()["items"]]
    assert ids == [on_creative.pk]
    assert client.get("/api/activities?topic=no-such-topic").json()["items"] == []
    assert on_tourism.pk in [a["id"] for a in client.get("/api/activities?topic=tourism").json()["items"]]


def test_a_topic_on_a_programme_item_or_breakout_puts_its_activity_on_the_topic_page(client):
    activity = factories.activity(title_lv="Konference par sociālajiem pakalpojumiem")
    services.add_breakout(activity=activity, topics=[_topic("social-services")])
    item_activity = factories.activity(title_lv="Vizīte ar veselības punktu")
    services.add_programme_item(activity=item_activity, title_lv="Veselības centrs", topics=[_topic("health")])
    assert "Konference par sociālajiem" in client.get("/lv/topics/social-services/").content.decode()
    assert "Vizīte ar veselības punktu" in client.get("/lv/topics/health/").content.decode()


def test_the_topic_page_lists_everything_on_it_with_counts_per_year(client):
    tourism = _topic("tourism")
    project = factories.project(code="TOUR-1")
    project_services.update_project(project=project, topics=[tourism])
    factories.activity(title_lv="Tūrisms 2018", topics=[tourism], start_date=date(2018, 5, 1),
                       end_date=date(2018, 5, 2))
    factories.activity(title_lv="Tūrisms 2019", topics=[tourism], start_date=date(2019, 5, 1),
                       end_date=date(2019, 5, 1))
    services.create_activity(kind="forum", title_lv="Tūrisms kaut kad", topics=[tourism], date_precision="day_month",
                             stated_day=3, stated_month=4, year_from=2018, year_to=2019)
    from kopa.topics.queries import topic_page

    sections = {s.section.key: s for s in topic_page(tourism).sections}
    assert sections["activities"].total == 3
    # Counted in a year only where both bounds lie in it: "3 April" of 2018 or 2019 is under "not known".
    assert sections["activities"].per_year == {2018: 1, 2019: 1, None: 1}
    assert sections["projects"].total == 1
    html = client.get("/en/topics/tourism/").content.decode()
    assert "Tūrisms 2018" in html and "TOUR-1" in html


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def coordinator_and_project():
    project = factories.project(code="API-1", start_date=date(2017, 5, 1), end_date=date(2019, 4, 30))
    return factories.programme_coordinator(project), project


def test_an_activity_is_entered_through_the_api_with_everything_texts_describe(client, coordinator_and_project):
    coordinator, project = coordinator_and_project
    headers = _basic(coordinator)
    municipality = factories.municipality(name="Rēzeknes novads")
    response = client.post("/api/activities", {
        "kind": "study_visit", "title_en": "Study visit, year not stated", "project": "API-1",
        "precision": "day_month", "day": 11, "month": 2, "inferred_year": 2019, "year_source": "project_period",
        "topics": ["tourism", "culture"], "purpose_en": "to find hosts for later visits",
        "target_audience_en": "executive directors and their deputies",
        "host_municipalities": [municipality.code],
    }, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    organisation = factories.organisation(name="Viesu pašvaldība")
    assert client.post(f"/api/activities/{pk}/participations", {"organisation": organisation.slug,
                       "role": "delegation", "delegation_size": 4}, content_type="application/json",
                       **headers).status_code == 201
    assert client.post(f"/api/activities/{pk}/participations", {"municipality": municipality.code},
                       content_type="application/json", **headers).status_code == 201
    assert client.post(f"/api/activities/{pk}/headcounts", {"value": 40, "qualifier": "more_than"},
                       content_type="application/json", **headers).status_code == 201
    assert client.post(f"/api/activities/{pk}/programme", {"title_en": "Library visit", "kind": "visit",
                       "start_time": "10:00"}, content_type="application/json", **headers).status_code == 201
    assert client.post(f"/api/activities/{pk}/breakouts", {"topics": ["youth"]}, content_type="application/json",
                       **headers).status_code == 201
    detail = client.get(f"/api/activities/{pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["precision"] == "day_month" and detail["inferred_year"] == 2019
    assert sorted(detail["topics"]) == ["culture", "tourism"]
    assert detail["purpose"] == "to find hosts for later visits"
    assert {r["organisation"] for r in detail["participating_organisations"]} >= {organisation.slug}
    assert detail["headcounts"][0]["text"].startswith("more than 40")
    assert detail["programme"][0]["day"] is None
    page = client.get(f"/en/activities/{pk}/").content.decode()
    for fact in ("February 11 (year not stated; 2019 inferred from the project period)", "Library visit",
                 "to find hosts for later visits", "executive directors and their deputies", "more than 40",
                 "Rēzeknes novads", "Tourism"):
        assert fact in page, fact
    patched = client.patch(f"/api/activities/{pk}", {"precision": "day", "start_date": "2018-02-11",
                                                     "provisional": True}, content_type="application/json", **headers)
    assert patched.status_code == 200
    activity = Activity.objects.get(pk=pk)
    assert (activity.date_precision, activity.start_date, activity.stated_day) == ("day", date(2018, 2, 11), None)


@pytest.mark.parametrize(("url", "payload"), [
    ("/api/activities", {"kind": "seminar", "title_lv": "X", "precision": "day_month", "day": 11}),
    ("/api/activities", {"kind": "seminar", "title_lv": "X", "topics": ["no-such-topic"]}),
    ("/api/activities", {"kind": "seminar", "title_lv": "X", "project": "NO-SUCH"}),
    ("/api/activities", {"kind": "seminar"}),
    ("/api/activities", {"kind": "no_such_kind", "title_lv": "X"}),
    ("/api/activities", {"kind": "seminar", "title_lv": "X" * 5000}),
    ("/api/activities", {"kind": "seminar", "title_lv": "X", "year_from": 10 ** 12, "precision": "year"}),
    ("/api/activities", {"kind": "seminar", "title_lv": "X", "capacity": -1}),
])
def test_bad_activity_input_through_the_api_is_refused_and_saves_nothing(client, coordinator_and_project, url,
                                                                        payload):
    coordinator, _project = coordinator_and_project
    response = client.post(url, payload, content_type="application/json", **_basic(coordinator))
    assert 400 <= response.status_code < 500, response.content
    assert not Activity.objects.exists()


def test_bad_participation_input_through_the_api_is_refused(client, coordinator_and_project):
    coordinator, project = coordinator_and_project
    activity = factories.activity(project=project)
    headers = _basic(coordinator)
    for url, payload in [
        (f"/api/activities/{activity.pk}/headcounts", {"value": -3}),
        (f"/api/activities/{activity.pk}/headcounts", {"value": 3, "qualifier": "roughly"}),
        (f"/api/activities/{activity.pk}/participations", {}),
        (f"/api/activities/{activity.pk}/participations", {"organisation": "no-such-org"}),
        (f"/api/activities/{activity.pk}/programme", {"title_lv": "X", "day": "2030-01-01"}),
        (f"/api/activities/{activity.pk}/programme", {"title_lv": "X", "start_time": "25:99"}),
    ]:
        response = client.post(url, payload, content_type="application/json", **headers)
        assert 400 <= response.status_code < 500, (url, payload, response.content)
    assert not Headcount.objects.exists() and not Participation.objects.exists()
    assert not ProgrammeItem.objects.exists() and not Breakout.objects.exists()
    # Without a login, or as someone who organises nothing, nothing is written.
    assert client.post(f"/api/activities/{activity.pk}/headcounts", {"value": 3},
                       content_type="application/json").status_code == 401
    outsider = factories.user()
    assert client.post(f"/api/activities/{activity.pk}/headcounts", {"value": 3}, content_type="application/json",
                       **_basic(outsider)).status_code == 403


def test_working_groups_and_news_filter_by_topic(client):
    from kopa.activities.models import WorkingGroup

    group = WorkingGroup.objects.create(slug="wg-tourism", name_lv="Tūrisma grupa", theme_lv="tūrisms")
    group.topics.set([_topic("tourism")])
    WorkingGroup.objects.create(slug="wg-it", name_lv="IT grupa", theme_lv="IT")
    page = client.get("/lv/activities/working-groups/?topic=tourism").content.decode()
    assert "Tūrisma grupa" in page and "IT grupa" not in page
    assert client.get("/lv/news/?topic=tourism").status_code == 200


def test_coordinators_put_working_groups_and_needs_on_topics_in_the_pages(client):
    from kopa.activities.models import WorkingGroup
    from kopa.surveys import services as survey_services

    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    group = WorkingGroup.objects.create(slug="wg-culture", name_lv="Kultūras grupa", theme_lv="kultūra",
                                        project=project)
    need = survey_services.save_need(project=project, code="it", names={"lv": "IT prasmes"})
    culture, it = _topic("culture"), _topic("e-government-it")
    client.force_login(coordinator)
    assert client.post(f"/lv/activities/working-groups/{group.slug}/", {"topics": [culture.pk]}).status_code == 302
    assert client.post(f"/lv/surveys/needs/{need.pk}/topics/", {"topics": [it.pk]}).status_code == 302
    assert list(group.topics.all()) == [culture] and list(need.topics.all()) == [it]
    assert "Kultūras grupa" in client.get("/lv/topics/culture/").content.decode()
    assert "IT prasmes" in client.get("/lv/topics/e-government-it/").content.decode()
    client.force_login(factories.user())
    client.post(f"/lv/activities/working-groups/{group.slug}/", {"topics": []})
    assert list(group.topics.all()) == [culture]  # an outsider changes nothing


def test_working_group_and_need_topics_through_the_api(client, coordinator_and_project):
    from kopa.activities.models import WorkingGroup
    from kopa.surveys import services as survey_services

    coordinator, project = coordinator_and_project
    group = WorkingGroup.objects.create(slug="wg-api", name_lv="Grupa", theme_lv="x", project=project)
    need = survey_services.save_need(project=project, code="tourism", names={"lv": "Tūrisms"})
    headers = _basic(coordinator)
    response = client.put(f"/api/working-groups/{group.slug}/topics", {"topics": ["tourism"]},
                          content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["topics"] == ["tourism"]
    response = client.put(f"/api/surveys/needs/{need.pk}/topics", {"topics": ["tourism", "youth"]},
                          content_type="application/json", **headers)
    assert response.status_code == 200 and sorted(t.slug for t in need.topics.all()) == ["tourism", "youth"]
    assert client.put(f"/api/surveys/needs/{need.pk}/topics", {"topics": ["nope"]}, content_type="application/json",
                      **headers).status_code == 400
    assert client.put(f"/api/working-groups/{group.slug}/topics", {"topics": []}, content_type="application/json",
                      **_basic(factories.user())).status_code == 403
