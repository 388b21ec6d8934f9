"""Durations in working hours follow the Latvian and Lithuanian public-holiday calendars exactly."""

from datetime import datetime

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopa.lean import analysis, services
from kopa.lean.models import EventLog
from kopa.lean.workhours import WORKING_DAY_SECONDS, WorkingCalendar
from tests import factories
from tests.lean.test_maps_and_services import STEPS, _service

HOUR = 3600.0
# 18 November 2024 is a Monday: Proclamation Day of the Republic of Latvia, an ordinary working day in Lithuania.
LOG = b"""case_id,activity,timestamp
A,submit,2024-11-15 16:00
A,approve,2024-11-19 10:00
B,submit,2024-11-20 11:00
B,approve,2024-11-20 14:00
C,submit,2024-11-19 18:00
C,approve,2024-11-20 08:30
"""


def _working(start: str, end: str, country: str = "LV") -> float:
    frame = pl.DataFrame({"ts": [datetime.fromisoformat(start), datetime.fromisoformat(end)]})
    clock = frame.select(WorkingCalendar(country).clock(pl.col("ts"), 2024, 2024).alias("clock"))["clock"]
    return (clock[1] - clock[0]) / 1e6


def test_a_working_day_has_eight_hours_and_a_lunch_break():
    assert WORKING_DAY_SECONDS == 8 * HOUR
    assert _working("2024-11-20 11:00", "2024-11-20 14:00") == 2 * HOUR  # 12:00–13:00 is lunch
    assert _working("2024-11-19 18:00", "2024-11-20 08:30") == 0.5 * HOUR  # the evening does not count
    assert _working("2024-11-22 17:00", "2024-11-25 08:00") == 0  # nor does the weekend


def test_public_holidays_of_the_country_are_not_working_time():
    # Friday 16:00–17:00, Monday (holiday in Latvia only), Tuesday 08:00–10:00
    assert _working("2024-11-15 16:00", "2024-11-19 10:00", "LV") == 3 * HOUR
    assert _working("2024-11-15 16:00", "2024-11-19 10:00", "LT") == 11 * HOUR
    # 16 February (Restoration of the State of Lithuania) is a holiday in Lithuania, not in Latvia
    assert _working("2024-02-16 08:00", "2024-02-16 17:00", "LT") == 0
    assert _working("2024-02-16 08:00", "2024-02-16 17:00", "LV") == 8 * HOUR


def test_an_unknown_country_has_weekends_only():
    assert WorkingCalendar("XX").holidays(2024, 2024) == []


@pytest.mark.parametrize(("country", "a_hours"), [("LV", 3), ("LT", 11)])
def test_every_duration_of_the_analysis_counts_working_hours(country, a_hours):
    result = analysis.analyse(analysis.read_event_log(LOG), WorkingCalendar(country))
    assert result.basis == "working" and result.calendar_country == country
    edge = result.dfg[0]
    assert (edge["source"], edge["target"], edge["count"]) == ("submit", "approve", 3)
    assert edge["mean_s"] == pytest.approx((a_hours + 2 + 0.5) * HOUR / 3)
    assert edge["median_s"] == 2 * HOUR
    assert result.case_duration_median_s == 2 * HOUR
    # p90 of (0.5 h, 2 h, A) by linear interpolation: 2 h + 0.8 × (A − 2 h)
    assert result.case_duration_p90_s == pytest.approx(2 * HOUR + 0.8 * (a_hours - 2) * HOUR)
    assert {w["activity"]: w["median_s"] for w in result.waiting} == {"approve": 2 * HOUR}


def test_calendar_time_is_the_default():
    result = analysis.analyse(analysis.read_event_log(LOG))
    assert result.basis == "calendar"
    assert max(r for r in [result.case_duration_p90_s]) > 3 * 24 * HOUR  # A spans the weekend: 90 h


@pytest.mark.django_db
def test_a_log_uploaded_in_working_hours_is_analysed_with_the_service_country(client):
    own = factories.organisation(country_code="LV")
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    client.force_login(factories.lean_team(own))
    upload = SimpleUploadedFile("log.csv", LOG)
    response = client.post(f"/en/lean/services/{service.pk}/event-logs/",
                           {"name": "Novembris", "file": upload, "duration_basis": "working", "published": "on"})
    assert response.status_code == 302
    log = EventLog.objects.get()
    assert log.duration_basis == "working" and log.results["calendar_country"] == "LV"
    assert log.results["case_duration_median_s"] == 2 * HOUR
    html = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert "durations in working hours" in html and "2.8 working h" in html  # p90: 2 h + 0.8 × (3 h − 2 h)


@pytest.mark.django_db
def test_an_unknown_basis_is_refused_and_nothing_is_saved():
    service = _service()
    with pytest.raises(services.DomainError):
        services.upload_event_log(service=service, data=LOG, name="x", duration_basis="lunar")
    assert not EventLog.objects.exists()
