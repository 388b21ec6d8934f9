"""An office without a document system records its cases by hand; they are analysed like an uploaded log."""

import base64
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.lean import analysis, queries, services
from kopa.lean.models import EventLog, RecordedEvent
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_map_editing import lean_team_member
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db

HOUR = 3600.0


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)  # naive: the site's local time, as a person types it


# The three cases of tests.lean.test_analysis.LOG, as an office would record them.
CASES = {
    "A": [("submit", at("2024-01-01 09:00"), "clerk"), ("check", at("2024-01-01 09:30"), "officer"),
          ("check", at("2024-01-01 10:30"), "officer"), ("approve", at("2024-01-01 12:00"), "head")],
    "B": [("submit", at("2024-01-02 09:00"), "clerk"), ("check", at("2024-01-02 10:00"), "officer"),
          ("approve", at("2024-01-03 10:00"), "head")],
    "C": [("check", at("2024-01-03 00:00"), "officer"), ("submit", at("2024-01-03 00:00"), "clerk"),
          ("approve", at("2024-01-04 00:00"), "head")],
}


def _team_and_service():
    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    return lean_team_member(own), service


def _record_all(service, by=None):
    for case_ref, events in CASES.items():
        services.record_case(service=service, case_ref=case_ref, events=events, by=by)


# The services.

def test_a_case_is_recorded_with_its_steps_in_the_order_they_were_performed():
    team, service = _team_and_service()
    events = [("approve", at("2024-02-02 10:00"), ""), ("submit", at("2024-02-01 09:00"), " clerk "),
              ("check", at("2024-02-01 09:00"), "", "Klientu centrs")]
    recorded = services.record_case(service=service, case_ref=" 2024/17 ", events=events, by=team)
    rows = list(RecordedEvent.objects.filter(service=service).order_by("pk"))
    assert rows == recorded and {row.case_ref for row in rows} == {"2024/17"}
    # By time; two steps at the same time keep the order they were given in.
    assert [row.activity for row in rows] == ["submit", "check", "approve"]
    assert rows[0].resource == "clerk" and rows[1].department == "Klientu centrs" and rows[0].recorded_by == team
    assert timezone.localtime(rows[0].timestamp).hour == 9


def test_a_case_reference_is_recorded_once_per_service():
    team, service = _team_and_service()
    services.record_case(service=service, case_ref="17", events=CASES["A"], by=team)
    with translation.override("en"), pytest.raises(DomainError, match="case 17 has already been recorded") as error:
        services.record_case(service=service, case_ref="17", events=CASES["B"], by=team)
    assert error.value.field == "case_ref"
    assert RecordedEvent.objects.filter(service=service).count() == 4
    other = _service(factories.organisation())  # another municipality numbers its own cases
    services.record_case(service=other, case_ref="17", events=CASES["B"])


def test_a_time_in_the_future_is_refused_and_nothing_is_saved():
    team, service = _team_and_service()
    tomorrow = timezone.localtime() + timedelta(days=1)
    events = [("submit", at("2024-01-01 09:00"), ""), ("check", tomorrow, "")]
    with translation.override("en"), pytest.raises(DomainError, match="check: .* is in the future"):
        services.record_case(service=service, case_ref="18", events=events, by=team)
    assert not RecordedEvent.objects.exists()


@pytest.mark.parametrize(("case_ref", "events", "message"), [
    ("  ", CASES["A"], "Enter the reference of the case"),
    ("19", [], "Enter when at least one step of the case was performed."),
    ("19", [(" ", at("2024-01-01 09:00"), "")], "Step 1 of the case needs its name."),
    ("19", [("submit", None, "")], "submit: enter the date and time it was performed."),
    ("x" * 101, CASES["A"], "at most 100 characters"),
])
def test_a_case_needs_a_reference_and_its_steps_with_their_times(case_ref, events, message):
    team, service = _team_and_service()
    with translation.override("en"), pytest.raises(DomainError, match=message):
        services.record_case(service=service, case_ref=case_ref, events=events, by=team)
    assert not RecordedEvent.objects.exists()


def test_someone_outside_the_team_cannot_record_delete_or_analyse():
    team, service = _team_and_service()
    services.record_case(service=service, case_ref="A", events=CASES["A"], by=team)
    for outsider in (lean_team_member(factories.organisation()), factories.user()):
        with pytest.raises(PermissionDenied):
            services.record_case(service=service, case_ref="B", events=CASES["B"], by=outsider)
        with pytest.raises(PermissionDenied):
            services.delete_recorded_case(service=service, case_ref="A", by=outsider)
        with pytest.raises(PermissionDenied):
            services.analyse_recorded_cases(service=service, by=outsider)
    assert RecordedEvent.objects.count() == 4 and not EventLog.objects.exists()


def test_deleting_a_case_removes_all_its_steps():
    team, service = _team_and_service()
    _record_all(service, by=team)
    assert services.delete_recorded_case(service=service, case_ref="A", by=team) == 4
    assert set(RecordedEvent.objects.values_list("case_ref", flat=True)) == {"B", "C"}
    with translation.override("en"), pytest.raises(DomainError, match="No case A has been recorded"):
        services.delete_recorded_case(service=service, case_ref="A", by=team)


def test_the_recorded_cases_become_an_event_log_in_recording_order_and_local_time():
    team, service = _team_and_service()
    _record_all(service, by=team)
    lines = queries.recorded_cases_csv(service).decode().splitlines()
    assert lines[0] == "case_id,activity,timestamp,resource,department"
    assert lines[1:4] == ["A,submit,2024-01-01 09:00:00,clerk,", "A,check,2024-01-01 09:30:00,officer,",
                          "A,check,2024-01-01 10:30:00,officer,"]
    assert lines[-3:-1] == ["C,check,2024-01-03 00:00:00,officer,", "C,submit,2024-01-03 00:00:00,clerk,"]


def test_analysing_the_recorded_cases_gives_the_figures_a_person_computes_by_hand():
    team, service = _team_and_service()
    _record_all(service, by=team)
    log = services.analyse_recorded_cases(service=service, by=team)
    assert log.status == EventLog.Status.DONE and log.service == service and not log.sample
    assert log.process_map == service.maps.get() and log.results["cases"] == 3 and log.results["events"] == 10
    dfg = {(row["source"], row["target"]): row for row in log.results["dfg"]}
    assert {edge: row["count"] for edge, row in dfg.items()} == {
        ("submit", "check"): 2, ("check", "check"): 1, ("check", "approve"): 2, ("submit", "approve"): 1,
        ("check", "submit"): 1,  # case C: recorded check first, at the same time as submit
    }
    assert dfg[("check", "approve")]["mean_s"] == (1.5 * HOUR + 24 * HOUR) / 2
    assert log.results["case_duration_median_s"] == 24 * HOUR
    # The same figures as the same cases uploaded as a file.
    uploaded = analysis.analyse(analysis.read_event_log(LOG)).as_dict()
    assert {key: log.results[key] for key in ("dfg", "variants", "rework", "waiting")} == {
        key: uploaded[key] for key in ("dfg", "variants", "rework", "waiting")}


def test_nothing_recorded_is_nothing_to_analyse():
    team, service = _team_and_service()
    with translation.override("en"), pytest.raises(DomainError, match="No cases have been recorded by hand yet."):
        services.analyse_recorded_cases(service=service, by=team)
    assert not EventLog.objects.exists()


# The page.

def _post(case_ref: str, rows: list[dict], *, initial: int = 4, extra: int = 2) -> dict:
    data = {"case_ref": case_ref, "events-TOTAL_FORMS": str(len(rows) + extra),
            "events-INITIAL_FORMS": str(initial), "events-MIN_NUM_FORMS": "0", "events-MAX_NUM_FORMS": "200"}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"events-{index}-{name}"] = value
    return data


MAP_ROWS = [{"activity": name} for name in ("submit", "check", "copy to archive", "approve")]


def test_the_team_records_a_case_on_the_page(client):
    team, service = _team_and_service()
    client.force_login(team)
    html = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert f'href="/en/lean/services/{service.pk}/cases/"' in html
    html = client.get(f"/en/lean/services/{service.pk}/cases/").content.decode()
    assert "<th scope=\"row\">3. copy to archive" in html and '<option value="approve">' in html
    assert '<label class="visually-hidden" for="id_events-0-timestamp">submit: performed at</label>' in html
    rows = [dict(row) for row in MAP_ROWS]
    rows[0].update(timestamp="2024-03-01T09:00", resource="Anna")
    rows[1].update(timestamp="2024-03-01T09:20")
    rows[3].update(timestamp="2024-03-04T11:00")  # "copy to archive" was not performed
    rows.append({"activity": "check", "timestamp": "2024-03-01T10:00"})  # checked again
    response = client.post(f"/en/lean/services/{service.pk}/cases/", _post("2024/31", rows, extra=1))
    assert response.status_code == 302
    recorded = list(RecordedEvent.objects.filter(service=service, case_ref="2024/31").order_by("pk"))
    assert [e.activity for e in recorded] == ["submit", "check", "check", "approve"]
    assert recorded[0].resource == "Anna" and recorded[0].recorded_by == team
    html = client.get(response["Location"]).content.decode()
    assert "Case 2024/31 has been recorded with 4 steps." in html
    assert "<th scope=\"row\">2024/31</th>" in html and "submit → check → check → approve" in html


def test_a_refused_case_is_shown_on_the_form_in_the_users_language(client):
    team, service = _team_and_service()
    client.force_login(team)
    services.record_case(service=service, case_ref="7", events=CASES["A"], by=team)
    rows = [dict(row) for row in MAP_ROWS]
    rows[0]["timestamp"] = "2024-03-01T09:00"
    html = client.post(f"/en/lean/services/{service.pk}/cases/", _post("7", rows)).content.decode()
    assert 'id="id_case_ref_error"' in html and "The case 7 has already been recorded for this service." in html
    assert 'aria-describedby="id_case_ref_error"' in html
    rows[0]["timestamp"] = "2999-03-01T09:00"
    html = client.post(f"/en/lean/services/{service.pk}/cases/", _post("8", rows)).content.decode()
    assert "submit: 01/03/2999 09:00 is in the future." in html
    # A row with a name but no time is a step whose time was forgotten.
    rows[0]["timestamp"] = ""
    rows.append({"activity": "check again"})
    html = client.post(f"/en/lean/services/{service.pk}/cases/", _post("8", rows, extra=0)).content.decode()
    assert 'aria-describedby="id_events-4-timestamp_error"' in html and "Enter when this step was performed" in html
    html = client.post(f"/en/lean/services/{service.pk}/cases/", _post("8", MAP_ROWS)).content.decode()
    assert "Enter when at least one step of the case was performed." in html
    html = client.post(f"/en/lean/services/{service.pk}/cases/", {**_post("8", MAP_ROWS), "add_rows": "1"}
                       ).content.decode()
    assert 'for="id_events-8-activity">Row 9: step</label>' in html and "is required" not in html
    assert set(RecordedEvent.objects.values_list("case_ref", flat=True)) == {"7"}


def test_the_recorded_cases_are_listed_page_by_page_and_filtered_by_reference(client, settings):
    settings.KOPA_PAGE_SIZE = 2
    team, service = _team_and_service()
    _record_all(service, by=team)
    client.force_login(team)
    first = client.get(f"/en/lean/services/{service.pk}/cases/").content.decode()
    second = client.get(f"/en/lean/services/{service.pk}/cases/?page=2").content.decode()
    listed = [ref for ref in "ABC" if f'<th scope="row">{ref}</th>' in first]
    assert len(listed) == 2 and "Page 1 of 2" in first
    assert [ref for ref in "ABC" if f'<th scope="row">{ref}</th>' in second] == sorted(set("ABC") - set(listed))
    filtered = client.get(f"/en/lean/services/{service.pk}/cases/?q=b").content.decode()
    assert '<th scope="row">B</th>' in filtered and '<th scope="row">A</th>' not in filtered


def test_the_cases_page_runs_the_same_queries_whatever_the_number_of_cases(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team, service = _team_and_service()
    client.force_login(team)
    counts = []
    for case_ref, events in CASES.items():
        services.record_case(service=service, case_ref=case_ref, events=events)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/en/lean/services/{service.pk}/cases/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2]


def test_the_team_deletes_a_case_on_the_page(client):
    team, service = _team_and_service()
    _record_all(service, by=team)
    client.force_login(team)
    response = client.post(f"/en/lean/services/{service.pk}/cases/delete/", {"case_ref": "B"})
    assert response.status_code == 302
    assert set(RecordedEvent.objects.values_list("case_ref", flat=True)) == {"A", "C"}
    assert "Case B has been deleted." in client.get(response["Location"]).content.decode()


def test_analysing_on_the_page_shows_the_results_on_the_service_page(client):
    team, service = _team_and_service()
    client.force_login(team)
    response = client.post(f"/en/lean/services/{service.pk}/cases/analyse/")
    assert response["Location"] == f"/en/lean/services/{service.pk}/cases/"
    assert "No cases have been recorded by hand yet." in client.get(response["Location"]).content.decode()
    _record_all(service, by=team)
    response = client.post(f"/en/lean/services/{service.pk}/cases/analyse/")
    log = EventLog.objects.get(service=service)
    assert response["Location"] == f"/en/lean/measurements/{log.pk}/"  # a test: previewed, not yet public
    html = client.get(response["Location"]).content.decode()
    assert "The event log has been analysed." in html and "Cases recorded by hand, " in html
    assert "3 cases, 10 events" in html and "recorded by hand" in html and not log.published


def test_only_the_team_sees_records_deletes_or_analyses_cases(client):
    team, service = _team_and_service()
    services.record_case(service=service, case_ref="A", events=CASES["A"], by=team)
    base = f"/en/lean/services/{service.pk}/cases/"
    attempts = [("get", base, None), ("post", base, _post("B", [{"activity": "submit",
                                                                 "timestamp": "2024-03-01T09:00"}], initial=0)),
                ("post", base + "delete/", {"case_ref": "A"}), ("post", base + "analyse/", {})]
    for user in (None, lean_team_member(factories.organisation()), factories.partner_coordinator(
            factories.organisation())):
        if user is not None:
            client.force_login(user)
        for method, url, data in attempts:
            assert getattr(client, method)(url, data).status_code == 403, (user, url)
    assert set(RecordedEvent.objects.values_list("case_ref", flat=True)) == {"A"}
    assert not EventLog.objects.exists()
    assert "Record cases by hand" not in client.get(f"/en/lean/services/{service.pk}/").content.decode()


# The API.

def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_cases_are_recorded_and_listed_through_the_api(client):
    team, service = _team_and_service()
    url = f"/api/lean/services/{service.pk}/cases"
    payload = {"case_ref": "2024/40", "events": [
        {"activity": "check", "timestamp": "2024-03-01T10:00:00", "resource": "officer"},
        {"activity": "submit", "timestamp": "2024-03-01T09:00:00", "department": "Klientu centrs"},
    ]}
    response = client.post(url, payload, content_type="application/json", **_basic(team))
    assert response.status_code == 201, response.content
    assert [e["activity"] for e in response.json()["events"]] == ["submit", "check"]
    assert response.json()["events"][0]["department"] == "Klientu centrs"
    again = client.post(url, payload, content_type="application/json", **_basic(team))
    assert again.status_code == 400 and again.json()["field"] == "case_ref"

    assert client.post(url, payload, content_type="application/json").status_code == 401
    assert client.get(url).status_code == 401
    outsider = lean_team_member(factories.organisation())
    assert client.post(url, {**payload, "case_ref": "41"}, content_type="application/json",
                       **_basic(outsider)).status_code == 403
    assert client.get(url, **_basic(outsider)).status_code == 403

    services.record_case(service=service, case_ref="2024/41", events=CASES["B"])
    listed = client.get(url, **_basic(team)).json()
    assert listed["count"] == 2 and [c["case_ref"] for c in listed["items"]] == ["2024/41", "2024/40"]
    assert [e["activity"] for e in listed["items"][1]["events"]] == ["submit", "check"]
    assert client.get(url + "?q=40&limit=1", **_basic(team)).json()["count"] == 1


def test_recorded_cases_can_be_analysed_in_working_hours(client):
    own = factories.organisation(country_code="LT")
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    team = factories.lean_team(own)
    services.record_case(service=service, case_ref="W-1", by=team, events=[
        ("receive", datetime(2024, 2, 15, 16, 0), ""), ("notify", datetime(2024, 2, 19, 9, 0), "")])
    client.force_login(team)
    client.post(f"/en/lean/services/{service.pk}/cases/analyse/", {"duration_basis": "working"})
    log = EventLog.objects.get()
    # Thursday 16:00 → Monday 09:00; Friday 16 February is a Lithuanian holiday: 1 h + 1 h
    assert log.duration_basis == "working" and log.results["case_duration_median_s"] == 2 * 3600
