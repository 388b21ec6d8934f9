"""Dates as the sources give them: stored with their precision, shown honestly everywhere, filtered and sorted
by their bounds, and never put into a calendar on a guessed day."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kopa.activities import services
from kopa.activities.models import Activity
from kopa.core.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db

NOT_STATED = "February 11 (year not stated; 2019 inferred from the project period)"


@pytest.fixture
def seminar():
    """The IMC-0 case: a project of May 2017 – April 2019 and a seminar on "11 February", no year."""
    project = factories.project(code="LLI-TEST", start_date=date(2017, 5, 1), end_date=date(2019, 4, 30))
    return services.create_activity(
        project=project, kind="seminar", title_lv="Seminārs bez gada", title_en="Seminar with no year",
        date_precision="day_month", stated_day=11, stated_month=2, inferred_year=2019,
        year_source="project_period",
    )


def test_a_day_and_month_without_a_year_keeps_what_was_stated_and_bounds_from_the_project(seminar):
    seminar.refresh_from_db()
    assert (seminar.date_precision, seminar.stated_day, seminar.stated_month) == ("day_month", 11, 2)
    # 11 Feb 2017 is before the project started: only 2018 and 2019 remain possible.
    assert (seminar.start_date, seminar.end_date) == (date(2018, 2, 11), date(2019, 2, 11))
    assert seminar.inferred_year == 2019


def test_it_reads_honestly_on_its_page_in_the_list_and_in_the_api(seminar, client):
    page = client.get(f"/en/activities/{seminar.pk}/").content.decode()
    assert NOT_STATED in page
    listing = client.get("/en/activities/").content.decode()
    assert NOT_STATED in listing
    data = client.get(f"/api/activities/{seminar.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["precision"] == "day_month" and data["dates"].startswith("11.02.") is False
    assert (data["stated_day"], data["stated_month"], data["inferred_year"]) == (11, 2, 2019)
    assert (data["start_date"], data["end_date"]) == ("2018-02-11", "2019-02-11")
    assert "year not stated" in data["dates"]


def test_it_reads_honestly_in_the_xlsx_export_of_the_list(seminar, client):
    response = client.get("/en/activities/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header, row = rows[0], next(r for r in rows[1:] if r[0] == "Seminar with no year")
    assert row[header.index("Dates")] == NOT_STATED
    assert row[header.index("Precision of the date")] == "day and month, year not stated"


def test_it_is_absent_from_the_calendar_feed(seminar, client):
    exact = factories.activity(project=seminar.project, title_lv="Zināma diena", start_date=date(2018, 3, 1),
                               end_date=date(2018, 3, 1))
    feed = client.get(f"/lv/activities/projects/{seminar.project.pk}/calendar.ics").content.decode()
    assert f"activity-{exact.pk}@kopa" in feed
    assert f"activity-{seminar.pk}@kopa" not in feed
    assert f"activity-{seminar.pk}@kopa" not in client.get(f"/lv/activities/{seminar.pk}/calendar.ics").content.decode()


def test_the_year_filter_leaves_it_out_of_a_year_it_only_might_belong_to(seminar, client):
    in_2018 = factories.activity(title_lv="Notika 2018", start_date=date(2018, 6, 1), end_date=date(2018, 6, 2))
    listed = client.get("/api/activities?year=2019").json()["items"]
    assert seminar.pk not in [a["id"] for a in listed]
    listed = [a["id"] for a in client.get("/api/activities?year=2018").json()["items"]]
    assert in_2018.pk in listed and seminar.pk not in listed
    page = client.get("/en/activities/?year=2019").content.decode()
    assert "Seminar with no year" not in page


def test_lists_sort_by_the_bounds_and_undated_activities_come_last(seminar, client):
    early = factories.activity(title_lv="Agrāk", start_date=date(2018, 1, 5), end_date=date(2018, 1, 5))
    late = factories.activity(title_lv="Vēlāk", start_date=date(2018, 3, 5), end_date=date(2018, 3, 5))
    unknown = services.create_activity(kind="seminar", title_lv="Datums nav zināms", date_precision="unknown")
    oldest_first = [a["id"] for a in client.get("/api/activities?sort=date").json()["items"]]
    assert oldest_first.index(early.pk) < oldest_first.index(seminar.pk) < oldest_first.index(late.pk)
    assert oldest_first[-1] == unknown.pk
    newest_first = [a["id"] for a in client.get("/api/activities?sort=-date").json()["items"]]
    assert newest_first.index(late.pk) < newest_first.index(seminar.pk) < newest_first.index(early.pk)
    assert newest_first[-1] == unknown.pk


@pytest.mark.parametrize(("fields", "bounds", "text"), [
    ({"date_precision": "month", "start_date": date(2019, 3, 14)}, (date(2019, 3, 1), date(2019, 3, 31)),
     "March 2019"),
    ({"date_precision": "part_of_month", "start_date": date(2019, 3, 14), "month_part": "early"},
     (date(2019, 3, 1), date(2019, 3, 10)), "early March 2019"),
    ({"date_precision": "year", "year_from": 2016}, (date(2016, 1, 1), date(2016, 12, 31)), "2016"),
    ({"date_precision": "days", "days": ["2020-03-09", "2020-03-03", "2020-03-05"]},
     (date(2020, 3, 3), date(2020, 3, 9)), "03/03/2020, 05/03/2020, 09/03/2020"),
    ({"date_precision": "unknown"}, (None, None), "date not stated"),
    ({"date_precision": "day", "start_date": date(2021, 5, 4), "provisional": True},
     (date(2021, 5, 4), date(2021, 5, 4)), "04/05/2021 (provisional)"),
])
def test_every_precision_has_bounds_and_reads_as_stated(client, fields, bounds, text):
    activity = services.create_activity(kind="forum", title_lv="Forums", title_en="Forum", **fields)
    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == bounds
    assert text in client.get(f"/en/activities/{activity.pk}/").content.decode()


@pytest.mark.parametrize(("fields", "field"), [
    ({"date_precision": "day_month", "stated_day": 11}, "stated_month"),
    ({"date_precision": "day_month", "stated_day": 31, "stated_month": 2}, "stated_day"),
    ({"date_precision": "part_of_month", "start_date": date(2019, 3, 1)}, "month_part"),
    ({"date_precision": "year"}, "year_from"),
    ({"date_precision": "day"}, "start_date"),
    ({"date_precision": "day_month", "stated_day": 1, "stated_month": 2, "year_from": 2015, "year_to": 2016,
      "inferred_year": 2019, "year_source": "dateline"}, "inferred_year"),
    ({"date_precision": "day", "start_date": date(2020, 5, 2), "end_date": date(2020, 5, 1)}, "end_date"),
])
def test_bad_dates_are_refused_with_the_field_and_nothing_is_saved(fields, field):
    with pytest.raises(DomainError) as refused:
        services.create_activity(kind="forum", title_lv="Forums", **fields)
    assert refused.value.field == field
    assert not Activity.objects.exists()


def test_a_date_is_no_longer_required_and_a_programme_item_needs_no_day(client):
    activity = services.create_activity(kind="study_visit", title_lv="Vizīte", date_precision="unknown")
    services.add_programme_item(activity=activity, title_lv="Bibliotēkas apmeklējums", kind="visit")
    page = client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert "Bibliotēkas apmeklējums" in page


def test_a_registration_deadline_after_the_activity_is_refused():
    from datetime import UTC, datetime

    with pytest.raises(DomainError) as refused:
        factories.activity(registration_deadline=datetime(2018, 6, 5, 12, tzinfo=UTC))
    assert refused.value.field == "registration_deadline"
