"""Measurements: a new upload is a test that only the team sees; publishing it is what changes the public pages."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from kopa.core.errors import DomainError
from kopa.lean import queries, services
from kopa.lean.models import EventLog
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_lean_api import _basic
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db

# One case of 30 minutes: the kind of trial upload that used to replace the public analysis at once.
TRIAL = b"case_id,activity,timestamp\nT1,submit,2024-06-03 09:00\nT1,approve,2024-06-03 09:30\n"


def _measured_service_with_an_improvement():
    """A service with a published measurement of its first map, and an improvement carried out since."""
    own = factories.organisation()
    service = _service(own)
    step = services.save_map(service=service, steps=STEPS).steps.get(position=3)
    published = services.upload_event_log(service=service, data=LOG, name="Janvāris 2024", published=True)
    improvement = services.propose_improvement(step=step, kind="remove", title="Bez arhīva kopijas")
    services.set_improvement_status(improvement=improvement, status="approved")
    services.carry_out_improvement(improvement=improvement)
    return own, service, published, improvement


def _public_figures(client, service, improvement) -> dict:
    """What the public reads: the service page's measured figures, the comparison, before/after and the A3."""
    with translation.override("en"):
        page = client.get(f"/en/lean/services/{service.pk}/").content.decode()
        measured = page.split('id="measurement-heading"')[1].split('id="improvements-heading"')[0]
        compare_page = client.get(f"/en/lean/compare/{service.service_type.code}/").content.decode()
        api_rows = client.get(f"/api/lean/compare/{service.service_type.code}").json()
        before_after = client.get(f"/en/lean/improvements/{improvement.pk}/").content.decode()
        a3 = client.get(f"/en/lean/improvements/{improvement.pk}/a3.pdf").content
    return {
        "median": re.findall(r"Median case duration: <strong>([^<]+)</strong>", measured),
        "p90": re.findall(r"90 % of cases within: <strong>([^<]+)</strong>", measured),
        "shown": re.findall(r"Published measurement shown: <strong>([^<]+)</strong>", measured),
        "measured_section": measured,
        "comparison_rows": [(r["median_case_s"], r["measurement_name"]) for r in api_rows],
        "comparison_table": compare_page.split("<table>")[1].split("</table>")[0],
        "before_after": before_after.split('id="ba-heading"')[1].split("</section>")[0],
        "a3": "".join(p.extract_text() for p in PdfReader(io.BytesIO(a3)).pages),
    }


def test_a_test_upload_leaves_the_public_pages_as_they_were_and_publishing_changes_them(client):
    own, service, published, improvement = _measured_service_with_an_improvement()
    before = _public_figures(client, service, improvement)
    # The figures are those of the published measurement: median 24 h, i.e. "1 d", of its three cases.
    assert before["median"] == ["1 d"] and before["shown"] == ["Janvāris 2024"]
    assert before["comparison_rows"] == [(24 * 3600.0, "Janvāris 2024")]
    assert "Janvāris 2024" in before["comparison_table"] and "not measured yet" in before["before_after"]
    assert "Measured after: no published measurement" in before["a3"]

    team = factories.lean_team(own)
    client.force_login(team)
    response = client.post(f"/en/lean/services/{service.pk}/event-logs/",
                           {"name": "Izmēģinājums", "file": SimpleUploadedFile("t.csv", TRIAL)})
    trial = EventLog.objects.get(name="Izmēģinājums")
    assert response["Location"] == f"/en/lean/measurements/{trial.pk}/"
    assert trial.status == EventLog.Status.DONE and not trial.published  # a test by default
    client.logout()
    assert _public_figures(client, service, improvement) == before

    client.force_login(team)
    response = client.post(f"/en/lean/measurements/{trial.pk}/", {"action": "publish"})
    assert response.status_code == 302
    client.logout()
    after = _public_figures(client, service, improvement)
    assert after["median"] == ["30 min"] and after["p90"] == ["30 min"] and after["shown"] == ["Izmēģinājums"]
    assert after["comparison_rows"] == [(1800.0, "Izmēģinājums")]
    assert "Izmēģinājums" in after["comparison_table"] and "Janvāris 2024" not in after["comparison_table"]
    # Before/after: the old map keeps its own measurement, the new map now has one.
    assert "Janvāris 2024" in after["before_after"] and "Izmēģinājums" in after["before_after"]
    assert "30 min" in after["before_after"] and "not measured yet" not in after["before_after"]
    assert "Measured after: Izmēģinājums" in after["a3"] and "Measured before: Janvāris 2024" in after["a3"]

    # Taken back to a test, the public pages are exactly as before again.
    services.set_published(log=trial, published=False, by=team)
    assert _public_figures(client, service, improvement) == before


def test_the_one_rule_shows_the_newest_published_analysed_measurement():
    service = _service()
    services.save_map(service=service, steps=STEPS)
    assert queries.shown_measurement(service) is None
    older = services.upload_event_log(service=service, data=LOG, name="old", published=True)
    services.upload_event_log(service=service, data=TRIAL, name="trial")
    assert queries.shown_measurement(service) == older
    newer = services.upload_event_log(service=service, data=TRIAL, name="new", published=True)
    assert queries.shown_measurement(service) == newer
    services.set_published(log=newer, published=False)
    assert queries.shown_measurement(service) == older


def test_the_team_lists_previews_describes_and_compares_measurements(client):
    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    first = services.upload_event_log(service=service, data=LOG, name="Janvāris", published=True)
    second = services.upload_event_log(service=service, data=TRIAL, name="Jūnijs", source="Namejs")
    client.force_login(factories.lean_team(own))
    html = client.get(f"/en/lean/services/{service.pk}/measurements/").content.decode()
    assert "shown on the public pages" in html and ">test<" in html and "Namejs" in html
    page = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert "1 test measurement is not shown on this page until it is published." in page
    assert "Published measurement shown: <strong>Janvāris</strong>" in page

    preview = client.get(f"/en/lean/measurements/{second.pk}/").content.decode()
    assert "test: only the team sees it" in preview and "1 cases, 2 events" in preview
    # The log's activities against the map: both named on the map; the map's other steps no case performed.
    mapping = preview.split('id="mapping-heading"')[1].split("</table>")[0]
    assert "1. submit" in mapping and "no case performed it" in mapping and "not on the map" not in mapping

    response = client.post(f"/en/lean/measurements/{second.pk}/",
                           {"action": "describe", "name": "Jūnijs (izmēģinājums)", "source": "Namejs eksports",
                            "notes": "Viena lieta"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.name, second.source, second.notes) == ("Jūnijs (izmēģinājums)", "Namejs eksports", "Viena lieta")
    response = client.post(f"/en/lean/measurements/{second.pk}/", {"action": "describe", "name": " "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()

    side = client.get(f"/en/lean/services/{service.pk}/measurements/compare/?a={first.pk}&b={second.pk}")
    table = side.content.decode().split("Figures side by side")[1].split("</table>")[0]
    assert re.search(r"Cases</th><td class=\"num\">3</td><td class=\"num\">1</td>", table)
    assert re.search(r"Median case duration</th><td class=\"num\">1 d</td><td class=\"num\">30 min</td>", table)
    per_activity = side.content.decode().split("Waiting and rework per activity")[1].split("</table>")[0]
    assert re.search(r"check</th>\s*<td class=\"num\">[^<—]+</td><td class=\"num\">—</td>\s*<td class=\"num\">1</td>"
                     r"<td class=\"num\">0</td>", per_activity)  # case A checked twice; the trial never checks


def test_another_municipality_sees_none_of_the_measurements(client):
    service = _service()
    log = services.upload_event_log(service=service, data=TRIAL, name="trial")
    for user in (None, factories.partner_coordinator(factories.organisation())):
        if user:
            client.force_login(user)
        for url in (f"/en/lean/services/{service.pk}/measurements/", f"/en/lean/measurements/{log.pk}/",
                    f"/en/lean/measurements/{log.pk}/delete/",
                    f"/en/lean/services/{service.pk}/measurements/compare/"):
            assert client.get(url).status_code == 403, url
        assert client.post(f"/en/lean/measurements/{log.pk}/", {"action": "publish"}).status_code == 403
        assert client.post(f"/en/lean/measurements/{log.pk}/delete/").status_code == 403
    log.refresh_from_db()
    assert not log.published
    assert client.get("/en/lean/measurements/999999/").status_code == 404


def test_deleting_asks_first_and_a_published_measurement_is_not_deleted(client, django_capture_on_commit_callbacks):
    own = factories.organisation()
    service = _service(own)
    shown = services.upload_event_log(service=service, data=LOG, name="shown", published=True)
    trial = services.upload_event_log(service=service, data=TRIAL, name="trial")
    stored = trial.file.name
    client.force_login(factories.lean_team(own))
    confirm = client.get(f"/en/lean/measurements/{trial.pk}/delete/").content.decode()
    assert "will be deleted for good" in confirm and EventLog.objects.filter(pk=trial.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/lean/measurements/{trial.pk}/delete/")
    assert response["Location"] == f"/en/lean/services/{service.pk}/measurements/"
    assert not EventLog.objects.filter(pk=trial.pk).exists() and not trial.file.storage.exists(stored)
    response = client.post(f"/en/lean/measurements/{shown.pk}/delete/")
    assert response["Location"] == f"/en/lean/measurements/{shown.pk}/"
    assert "take it back to a test" in client.get(response["Location"]).content.decode()
    assert EventLog.objects.filter(pk=shown.pk).exists()


def test_a_measurement_that_failed_cannot_be_published():
    service = _service()
    log = services.upload_event_log(service=service, data=LOG, name="x")
    EventLog.objects.filter(pk=log.pk).update(status=EventLog.Status.FAILED)
    with translation.override("en"), pytest.raises(DomainError, match="could not be analysed"):
        services.set_published(log=log, published=True)
    log.refresh_from_db()
    assert not log.published


def test_publishing_and_deleting_through_the_api(client):
    own = factories.organisation()
    service = _service(own)
    team = factories.partner_coordinator(own)
    response = client.post(f"/api/lean/services/{service.pk}/event-logs",
                           {"name": "API", "file": SimpleUploadedFile("t.csv", TRIAL), "source": "DVS"}, **_basic(team))
    log = response.json()
    assert response.status_code == 201 and log["published"] is False and log["source"] == "DVS"
    assert client.get(f"/api/lean/services/{service.pk}/shown-measurement").status_code == 204
    url = f"/api/lean/event-logs/{log['id']}"
    outsider = factories.partner_coordinator(factories.organisation())
    assert client.patch(url, {"published": True}, content_type="application/json",
                        **_basic(outsider)).status_code == 403
    response = client.patch(url, {"published": True}, content_type="application/json", **_basic(team))
    assert response.status_code == 200 and response.json()["published"] is True
    assert client.get(f"/api/lean/services/{service.pk}/shown-measurement").json()["name"] == "API"
    assert client.delete(url, **_basic(team)).status_code == 400  # published: take it back first
    response = client.patch(url, {"published": False, "name": ""}, content_type="application/json", **_basic(team))
    assert response.status_code == 400 and EventLog.objects.get(pk=log["id"]).published  # nothing changed
    client.patch(url, {"published": False}, content_type="application/json", **_basic(team))
    assert client.delete(url, **_basic(team)).status_code == 204
    assert not EventLog.objects.filter(pk=log["id"]).exists()


def test_the_measurement_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    client.force_login(factories.lean_team(own))
    for count in (1, 6):
        while EventLog.objects.filter(service=service).count() < count:
            log = services.upload_event_log(service=service, data=LOG, name="log", published=True)
        with django_assert_num_queries(MEASUREMENTS_PAGE):
            assert client.get(f"/en/lean/services/{service.pk}/measurements/").status_code == 200
        with django_assert_num_queries(MEASUREMENT_PAGE):
            assert client.get(f"/en/lean/measurements/{log.pk}/").status_code == 200


# Session, user, the user's roles, the municipalities they cover; then the service, its newest measurements, their
# count (for "all N →") and the one shown on the public pages.
MEASUREMENTS_PAGE = 8
# Session, user, roles, municipalities; the measurement with its service and map, the map's steps, the shown one.
MEASUREMENT_PAGE = 7


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_queue_the_list_shows_the_progress_until_a_worker_has_analysed_it(client):
    own = factories.organisation()
    service = _service(own)
    client.force_login(factories.lean_team(own))
    response = client.post(f"/en/lean/services/{service.pk}/event-logs/",
                           {"name": "Rindā", "file": SimpleUploadedFile("t.csv", LOG), "published": "on"})
    log = EventLog.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "this page shows its progress" in page and "waiting for analysis" in page and 'value="0"' in page
    listing = client.get(f"/en/lean/services/{service.pk}/measurements/").content.decode()
    assert "A measurement is being analysed in the background." in listing and "<progress" in listing
    assert "No measured cases yet." in client.get(f"/en/lean/services/{service.pk}/").content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    log.refresh_from_db()
    assert log.status == EventLog.Status.DONE and log.published
    listing = client.get(f"/en/lean/services/{service.pk}/measurements/").content.decode()
    assert "<progress" not in listing and "shown on the public pages" in listing


def test_the_measurement_list_speaks_latvian_and_lithuanian(client):
    own = factories.organisation()
    service = _service(own)
    services.upload_event_log(service=service, data=LOG, name="Janvāris", published=True)
    services.upload_event_log(service=service, data=TRIAL, name="Jūnijs")
    client.force_login(factories.lean_team(own))
    latvian = client.get(f"/lv/lean/services/{service.pk}/measurements/").content.decode()
    assert "<h1>Mērījumi</h1>" in latvian and "rādīts publiskajās lapās" in latvian and ">tests<" in latvian
    lithuanian = client.get(f"/lt/lean/services/{service.pk}/measurements/").content.decode()
    assert "<h1>Matavimai</h1>" in lithuanian and "rodomas viešuose puslapiuose" in lithuanian


def test_the_team_page_lists_the_newest_twenty_measurements_and_links_to_all(client):
    own = factories.organisation()
    service = _service(own)
    EventLog.objects.bulk_create([EventLog(service=service, name=f"Mērījums {n:02d}", file="event-logs/x.csv",
                                           status=EventLog.Status.DONE) for n in range(23)])
    client.force_login(factories.lean_team(own))
    url = f"/lv/lean/services/{service.pk}/measurements/"
    html = client.get(url).content.decode()
    assert "Mērījums 03" in html and "Mērījums 02" not in html  # newest first
    assert '<a href="?measurements=all">Visi 23 mērījumi →</a>' in html
    every = client.get(url, {"measurements": "all"}).content.decode()
    assert all(f"Mērījums {n:02d}" in every for n in range(23)) and "Visi 23 mērījumi" not in every
