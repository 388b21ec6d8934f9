"""Activity kinds are an extensible list: a coordinator adds the kind a text needs, and it is named in its place on
pages, in the list filter, the export and the API. A programme item's day is kept as precisely as the source
gives it: a date, a day and month with the year not stated, or not stated; and it may be provisional."""

import base64
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kopa.activities import services
from kopa.activities.models import Activity, AddedKind, ProgrammeItem
from kopa.core.errors import DomainError, PermissionDenied
from tests import factories

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def project():
    return factories.project(code="KIND-1")


@pytest.fixture
def coordinator(project):
    return factories.programme_coordinator(project)


def test_a_coordinator_adds_a_kind_and_it_is_named_on_the_page_in_the_list_export_and_api(client, coordinator, project):
    kind = services.add_kind(by=coordinator, name_lt="hakatonas", name_en="hackathon")
    assert kind.awaiting_review and kind.added_by == coordinator
    activity = services.create_activity(by=coordinator, project=project,
                                        kind=kind.code, title_lv="Pašvaldību hakatons", start_date=date(2024, 5, 3))
    other = factories.activity(title_lv="Parasts seminārs", kind="seminar")
    # No Latvian name: a Latvian page falls back to the first language it has (lv, lt, en): Lithuanian.
    assert "Hakatonas" in client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert "Hackathon" in client.get(f"/en/activities/{activity.pk}/").content.decode()
    listing = client.get(f"/en/activities/?kind={kind.code}").content.decode()
    assert "Pašvaldību hakatons" in listing and "Parasts seminārs" not in listing
    assert f'<option value="{kind.code}"' in listing
    response = client.get(f"/en/activities/?kind={kind.code}&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[1][rows[0].index("Kind")] == "hackathon"
    data = client.get(f"/api/activities/{activity.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (data["kind"], data["kind_label"]) == (kind.code, "hackathon")
    kinds = {k["code"]: k for k in client.get("/api/activity-kinds", HTTP_ACCEPT_LANGUAGE="lt").json()}
    assert kinds[kind.code]["label"] == "hakatonas" and kinds[kind.code]["awaiting_review"] is True
    assert kinds["seminar"]["built_in"] is True and kinds["seminar"]["names"]["lv"] == "seminārs"
    assert other.get_kind_display() != kind.code


def test_the_kinds_page_lets_a_coordinator_add_a_kind_and_marks_it_not_yet_reviewed(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/en/activities/kinds/", {"name_lv": "Laivu brauciens", "name_lt": "", "name_en": ""})
    assert response.status_code == 302
    kind = AddedKind.objects.get()
    assert kind.name_lv == "Laivu brauciens"
    page = client.get("/en/activities/kinds/").content.decode()
    assert "Laivu brauciens" in page and "not yet reviewed" in page
    assert "Add a kind of activity" in client.get("/en/activities/new/").content.decode()


def test_a_kind_is_added_through_the_api_and_used_for_an_activity(client, coordinator, project):
    headers = _basic(coordinator)
    response = client.post("/api/activity-kinds", {"name_en": "Study tour by boat"}, content_type="application/json",
                           **headers)
    assert response.status_code == 201
    code = response.json()["code"]
    response = client.post("/api/activities", {"kind": code, "title_en": "On the Daugava", "project": project.code,
                                                "precision": "unknown"},
                           content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    assert Activity.objects.get(title_en="On the Daugava").kind == code


@pytest.mark.parametrize("names", [{"name_en": "Seminar"}, {"name_lv": "SEMINĀRS"}, {"name_lt": "seminaras"},
                                   {"name_lv": "", "name_en": "  "}])
def test_a_kind_that_exists_or_has_no_name_is_refused_and_nothing_saved(coordinator, names):
    with pytest.raises(DomainError) as error:
        services.add_kind(by=coordinator, **names)
    assert error.value.code in ("duplicate", "required")
    assert not AddedKind.objects.exists()


def test_someone_who_coordinates_nothing_cannot_add_a_kind(client):
    nobody = factories.user()
    with pytest.raises(PermissionDenied):
        services.add_kind(by=nobody, name_en="Picnic")
    client.force_login(nobody)
    assert client.post("/en/activities/kinds/", {"name_en": "Picnic"}).status_code == 403
    assert client.post("/api/activity-kinds", {"name_en": "Picnic"}, content_type="application/json",
                       **_basic(nobody)).status_code == 403
    assert not AddedKind.objects.exists()


def test_an_unknown_kind_is_refused_by_the_service_and_the_api(client, coordinator, project):
    with pytest.raises(DomainError) as error:
        services.create_activity(by=coordinator, project=project, kind="no-such-kind", title_lv="X",
                                 date_precision="unknown")
    assert error.value.field == "kind"
    response = client.post("/api/activities", {"kind": "no-such-kind", "title_en": "X", "project": project.code,
                                                "precision": "unknown"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert 400 <= response.status_code < 500 and "Unknown kind" in response.content.decode()
    assert not Activity.objects.filter(title_en="X").exists()


def test_the_list_runs_the_same_queries_with_1_or_20_activities_of_added_kinds(client, coordinator):
    kind = services.add_kind(by=coordinator, name_en="hackathon")
    factories.activity(title_lv="H0", kind=kind.code)
    with CaptureQueriesContext(connection) as one:
        client.get("/en/activities/")
    for number in range(19):
        factories.activity(title_lv=f"H{number + 1}", kind=kind.code)
    with CaptureQueriesContext(connection) as twenty:
        page = client.get("/en/activities/").content.decode()
    assert page.count("hackathon") >= 20
    assert len(twenty) == len(one)


# Programme days ---------------------------------------------------------------------------------------------

@pytest.fixture
def visit_with_no_year():
    """ "11–12 February", the year not stated (as in the IMC-0 seminar's article)."""
    return services.create_activity(kind="study_visit", title_lv="Vizīte bez gada", date_precision="day_month",
                                    stated_day=11, stated_month=2, stated_end_day=12)


def test_a_programme_item_on_a_day_and_month_with_no_year_reads_so_on_the_page_and_in_the_api(client,
                                                                                              visit_with_no_year):
    services.add_programme_item(activity=visit_with_no_year, title_lv="Pašvaldības apmeklējums", stated_day=12,
                                stated_month=2, provisional=True)
    services.add_programme_item(activity=visit_with_no_year, title_lv="Kopīgas pusdienas")
    page = client.get(f"/en/activities/{visit_with_no_year.pk}/").content.decode()
    assert "February 12 (year not stated)" in page
    assert "provisional" in page
    assert "During the activity" in page or "Also during the activity" in page
    data = client.get(f"/api/activities/{visit_with_no_year.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    items = {i["title"]: i for i in data["programme"]}
    stated = items["Pašvaldības apmeklējums"]
    assert (stated["precision"], stated["stated_day"], stated["stated_month"], stated["day"]) == ("day_month", 12, 2,
                                                                                                  None)
    assert stated["provisional"] is True and stated["day_text"] == "February 12 (year not stated) (provisional)"
    assert items["Kopīgas pusdienas"]["precision"] == "unknown"
    lt = client.get(f"/lt/activities/{visit_with_no_year.pk}/").content.decode()
    assert "metai nenurodyti" in lt


def test_a_day_and_month_becomes_a_date_when_the_activitys_year_is_known(client):
    activity = factories.activity(title_lv="Zināms gads", start_date=date(2019, 2, 11), end_date=date(2019, 2, 12))
    item = services.add_programme_item(activity=activity, title_lv="Otrā diena", stated_day=12, stated_month=2)
    assert (item.day, item.stated_day, item.stated_month) == (date(2019, 2, 12), None, None)


@pytest.mark.parametrize("fields, field", [
    ({"stated_day": 13, "stated_month": 2}, "stated_day"),  # outside 11–12 February
    ({"stated_day": 12}, "stated_month"),  # no month
    ({"stated_day": 30, "stated_month": 2}, "stated_day"),  # no such day
    ({"stated_day": 12, "stated_month": 2, "day": date(2020, 2, 12)}, "stated_day"),  # both ways at once
])
def test_a_programme_day_that_cannot_be_is_refused_and_nothing_saved(visit_with_no_year, fields, field):
    with pytest.raises(DomainError) as error:
        services.add_programme_item(activity=visit_with_no_year, title_lv="Nepareizi", **fields)
    assert error.value.field == field
    assert not ProgrammeItem.objects.filter(activity=visit_with_no_year).exists()


def test_a_programme_item_with_a_stated_day_is_added_through_the_api_and_the_organiser_page(client, coordinator,
                                                                                           project):
    activity = services.create_activity(by=coordinator, project=project, kind="seminar", title_lv="Bez gada",
                                        date_precision="day_month", stated_day=3, stated_month=3, stated_end_day=5)
    response = client.post(f"/api/activities/{activity.pk}/programme",
                           {"title_lv": "Vizīte", "stated_day": 4, "stated_month": 3},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201
    response = client.post(f"/api/activities/{activity.pk}/programme",
                           {"title_lv": "Par vēlu", "stated_day": 9, "stated_month": 3},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and "outside the dates" in response.content.decode()
    client.force_login(coordinator)
    response = client.post(f"/en/activities/{activity.pk}/programme/", {
        "form": "item", "i-title_lv": "Noslēgums", "i-kind": "other", "i-stated_day": "5", "i-stated_month": "3",
        "i-provisional": "on"})
    assert response.status_code == 302
    item = ProgrammeItem.objects.get(title_lv="Noslēgums")
    assert (item.stated_day, item.stated_month, item.provisional) == (5, 3, True)
    assert "March 5 (year not stated) (provisional)" in client.get(
        f"/en/activities/{activity.pk}/programme/").content.decode()
