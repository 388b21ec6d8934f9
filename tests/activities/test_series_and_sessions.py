"""Series (an activity's number in a network's seminars or a course) and sessions (one activity on several
dates in several places), each with its own date as precisely as stated."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Activity, Registration, Series, Session
from kopa.core.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_series_page_lists_its_activities_in_order_with_the_gaps_shown(client):
    series = services.save_series(kind="network_seminars", name_lv="Tīkla semināri", name_en="Network seminars",
                                  planned_count=7)
    sixth = factories.activity(title_lv="6. tīkla seminārs", title_en="6th network seminar")
    first = factories.activity(title_lv="1. tīkla seminārs", title_en="1st network seminar")
    services.place_in_series(activity=sixth, series=series, number=6)
    services.place_in_series(activity=first, series=series, number=1, marker="opening")
    html = client.get(f"/en/activities/series/{series.slug}/").content.decode()
    assert html.index("1st network seminar") < html.index("6th network seminar")
    assert html.count("not recorded") == 5 + 1  # numbers 2–5 and 7, plus the summary line
    assert "5 activities of the series are not recorded." in html
    page = client.get(f"/en/activities/{sixth.pk}/").content.decode()
    assert "No. 6 of 7" in page and "Network seminars" in page
    assert "opening event" in client.get(f"/en/activities/{first.pk}/").content.decode()
    data = client.get(f"/api/activities/{sixth.pk}").json()
    assert data["series"] == series.slug and data["series_number"] == 6


def test_a_number_is_taken_once_and_lies_within_the_planned_count():
    series = services.save_series(kind="course", name_lv="Kurss", planned_count=6)
    a, b = factories.activity(title_lv="A"), factories.activity(title_lv="B")
    services.place_in_series(activity=a, series=series, number=2)
    with pytest.raises(DomainError) as refused:
        services.place_in_series(activity=b, series=series, number=2)
    assert refused.value.field == "series_number"
    with pytest.raises(DomainError):
        services.place_in_series(activity=b, series=series, number=7)
    with pytest.raises(DomainError):
        services.save_series(kind="course", name_lv="")
    assert Activity.objects.get(pk=b.pk).series is None


def test_one_seminar_in_five_towns_is_one_activity_with_five_sessions(client):
    seminar = services.create_activity(kind="seminar", title_lv="Seminārs piecās pilsētās",
                                       title_en="Seminar in five towns", date_precision="month",
                                       start_date=date(2019, 3, 1), end_date=date(2019, 4, 1))
    towns = [factories.municipality(name=f"Pilsēta {n}") for n in range(5)]
    for n, town in enumerate(towns):
        services.add_session(activity=seminar, host_municipality=town, date_precision="day",
                             start_date=date(2019, 3, 4) + timedelta(days=7 * n), venue_lv=f"Zāle {n}")
    assert seminar.sessions.count() == 5
    html = client.get(f"/en/activities/{seminar.pk}/").content.decode()
    for town in towns:
        assert town.name in html
    assert "04/03/2019" in html and "01/04/2019" in html
    data = client.get(f"/api/activities/{seminar.pk}").json()
    assert [s["number"] for s in data["sessions"]] == [1, 2, 3, 4, 5]
    assert data["sessions"][0]["host_municipality"] == towns[0].code


def test_a_session_outside_the_activity_s_span_is_refused_and_nothing_saved():
    activity = factories.activity(start_date=date(2018, 5, 29), end_date=date(2018, 5, 30))
    with pytest.raises(DomainError) as refused:
        services.add_session(activity=activity, date_precision="day", start_date=date(2018, 6, 2))
    assert refused.value.field == "start_date"
    with pytest.raises(DomainError):
        services.add_session(activity=activity, date_precision="day_month", stated_day=3)
    assert not Session.objects.exists()


def test_sessions_take_dates_of_any_precision():
    activity = services.create_activity(kind="training", title_lv="Apmācību cikls", date_precision="year",
                                        year_from=2016)
    session = services.add_session(activity=activity, date_precision="part_of_month", start_date=date(2016, 3, 1),
                                   month_part="late")
    assert (session.start_date, session.end_date) == (date(2016, 3, 21), date(2016, 3, 31))


def test_an_activity_may_carry_more_than_one_kind_and_the_kind_filter_finds_it(client):
    meeting = factories.activity(kind="standing_body_meeting", title_lv="Komitejas sēde un seminārs")
    services.set_other_kinds(activity=meeting, kinds=["seminar"])
    ids = [a["id"] for a in client.get("/api/activities?kind=seminar").json()["items"]]
    assert meeting.pk in ids
    with pytest.raises(DomainError):
        services.set_other_kinds(activity=meeting, kinds=["no_such_kind"])


def test_registration_and_attendance_per_session():
    activity = factories.activity(start_date=date(2030, 5, 1), end_date=date(2030, 5, 10))
    first = services.add_session(activity=activity, date_precision="day", start_date=date(2030, 5, 1), capacity=1)
    second = services.add_session(activity=activity, date_precision="day", start_date=date(2030, 5, 8))
    organisation = factories.organisation()
    person, other = factories.employee(organisation), factories.employee(organisation)
    a = services.register(activity=activity, person=person, session=first)
    b = services.register(activity=activity, person=person, session=second)
    assert (a.status, b.status) == ("confirmed", "confirmed")
    waiting = services.register(activity=activity, person=other, session=first)
    assert waiting.status == "waitlisted"  # the first session has one seat
    with pytest.raises(DomainError):
        services.register(activity=activity, person=person, session=first)  # already in that session
    # On the second session's day (check-in opens on the day a session begins).
    services.check_in(registration=b, now=datetime(2030, 5, 8, 9, tzinfo=UTC))
    assert Registration.objects.get(pk=b.pk).status == "attended"
    assert Registration.objects.get(pk=a.pk).status == "confirmed"


def test_the_activity_page_query_count_is_fixed_with_1_or_50_sessions(client):
    counts = []
    for size in (1, 50):
        activity = services.create_activity(kind="seminar", title_lv=f"Ar {size}", date_precision="year",
                                            year_from=2019)
        for n in range(size):
            session = services.add_session(activity=activity, date_precision="day",
                                           start_date=date(2019, 1 + n % 12, 1 + n % 28),
                                           host_municipality=factories.municipality())
            session.hosts.set([factories.organisation()])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/lv/activities/{activity.pk}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_series_and_sessions_through_the_api(client):
    import base64

    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    headers = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{coordinator.username}:pw-test-123".encode())
               .decode()}
    created = client.post("/api/series", {"kind": "webinar_cycle", "name_en": "Webinar cycle", "project":
                          project.code, "planned_count": 4}, content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    activity = factories.activity(project=project, start_date=date(2021, 1, 1), end_date=date(2021, 12, 31))
    assert client.patch(f"/api/activities/{activity.pk}", {"series": slug, "series_number": 2},
                        content_type="application/json", **headers).status_code == 200
    town = factories.municipality()
    response = client.post(f"/api/activities/{activity.pk}/sessions", {
        "precision": "day", "start_date": "2021-03-02", "host_municipality": town.code},
        content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    outside = client.post(f"/api/activities/{activity.pk}/sessions", {"precision": "day", "start_date": "2022-01-01"},
                          content_type="application/json", **headers)
    assert outside.status_code == 400
    data = client.get(f"/api/activities/{activity.pk}").json()
    assert data["series"] == slug and data["series_number"] == 2 and len(data["sessions"]) == 1
    assert client.get(f"/api/series/{slug}").json()["activities"][1]["id"] == activity.pk
    assert Series.objects.get(slug=slug).project == project


def _headers(user):
    import base64

    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()}


def test_awards_go_to_people_organisations_or_recipients_named_in_words(client):
    project = factories.project()
    activity = factories.activity(project=project, title_lv="Konkursa noslēgums")
    winner = factories.organisation(name="Preiļu bibliotēka")
    services.add_award(activity=activity, title_lv="Skatītāju balva", title_en="Audience award",
                       organisation=winner)
    services.add_award(activity=activity, title_en="Certificate of recognition",
                       recipient_en="the volunteers of the local museum")
    coordinator = factories.programme_coordinator(project)
    response = client.post(f"/api/activities/{activity.pk}/awards", {"title_en": "Special prize",
                           "organisation": winner.slug}, content_type="application/json", **_headers(coordinator))
    assert response.status_code == 201
    html = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert "Audience award" in html and winner.name_en in html
    assert "the volunteers of the local museum" in html and "Special prize" in html
    awards = client.get(f"/api/activities/{activity.pk}", HTTP_ACCEPT_LANGUAGE="en").json()["awards"]
    assert [a["title"] for a in awards] == ["Audience award", "Certificate of recognition", "Special prize"]


def test_an_award_to_nobody_is_refused_and_nothing_saved(client):
    from kopa.activities.models import Award

    project = factories.project()
    activity = factories.activity(project=project)
    with pytest.raises(DomainError) as refused:
        services.add_award(activity=activity, title_lv="Balva")
    assert refused.value.field == "recipient_lv"
    with pytest.raises(DomainError):
        services.add_award(activity=activity, recipient_lv="kāds")  # an award with no name
    response = client.post(f"/api/activities/{activity.pk}/awards", {"title_en": "Prize"},
                           content_type="application/json", **_headers(factories.programme_coordinator(project)))
    assert response.status_code == 400
    assert not Award.objects.exists()


def test_past_attendance_through_the_api(client):
    project = factories.project()
    activity = factories.activity(project=project, status="planned", start_date=date(2021, 6, 1),
                                  end_date=date(2021, 6, 1))
    person = factories.employee(factories.organisation())
    response = client.post(f"/api/activities/{activity.pk}/attendance", {"person": person.pk},
                           content_type="application/json", **_headers(factories.programme_coordinator(project)))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "attended" and response.json()["checked_in_at"].startswith("2021-06-01")
    assert client.post(f"/api/activities/{activity.pk}/attendance", {"person": 999999},
                       content_type="application/json",
                       **_headers(factories.programme_coordinator(project))).status_code == 400


def test_a_title_in_one_language_is_enough_and_the_page_marks_its_language(client):
    project = factories.project()
    activity = services.create_activity(project=project, kind="forum", title_lt="Savivaldybių forumas",
                                        date_precision="year", year_from=2019)
    html = client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert '<span lang="lt">Savivaldybių forumas</span>' in html
    client.force_login(factories.programme_coordinator(project))
    html = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert "Translations missing" in html and "title (Latvian, English)" in html


def test_a_participant_signs_up_for_one_session_on_the_page(client):
    activity = factories.activity(start_date=date(2030, 5, 1), end_date=date(2030, 5, 10))
    town = factories.municipality(name="Cēsu novads")
    services.add_session(activity=activity, date_precision="day", start_date=date(2030, 5, 1))
    second = services.add_session(activity=activity, date_precision="day", start_date=date(2030, 5, 8),
                                  host_municipality=town)
    person = factories.employee(factories.organisation())
    user = factories.user()
    from kopa.directory import services as directory

    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person, user=user)
    client.force_login(user)
    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert "Cēsu novads" in page and 'name="session"' in page
    client.post(f"/en/activities/{activity.pk}/sign-up/", {"session": second.pk})
    assert Registration.objects.get(activity=activity, person=person).session == second


def test_coordinators_edit_a_series_and_remove_a_programme_item_in_the_pages(client):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    series = services.save_series(kind="course", name_lv="Kurss", project=project)
    activity = factories.activity(project=project)
    item = services.add_programme_item(activity=activity, title_lv="Lieks punkts")
    client.force_login(coordinator)
    response = client.post(f"/en/activities/series/{series.slug}/edit/", {
        "kind": "webinar_cycle", "name_lv": "Vebināru cikls", "planned_count": "6", "project": project.pk})
    assert response.status_code == 302
    series.refresh_from_db()
    assert (series.kind, series.name_lv, series.planned_count) == ("webinar_cycle", "Vebināru cikls", 6)
    client.post(f"/en/activities/{activity.pk}/programme/{item.pk}/remove/")
    assert not activity.programme.exists()
    other = factories.project()
    foreign = services.save_series(kind="course", name_lv="Svešs", project=other)
    assert client.post(f"/en/activities/series/{foreign.slug}/edit/", {
        "kind": "course", "name_lv": "Mans", "project": project.pk}).status_code == 403
    foreign.refresh_from_db()
    assert foreign.name_lv == "Svešs"


def test_a_series_named_new_does_not_take_the_address_of_the_new_series_page():
    series = services.save_series(kind="other", name_en="New")
    assert series.slug != "new"
