import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopa.lean import services
from kopa.lean.models import EventLog
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db


def test_the_service_page_shows_the_map_figures_and_the_analysis(client):
    service = _service()
    services.save_map(service=service, steps=STEPS)
    services.upload_event_log(service=service, data=LOG, name="Janvāris", published=True)
    html = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert "Process-cycle efficiency" in html and "1.3%" in html  # 20 of 1,580 minutes
    assert "<svg" in html and "copy to archive" in html
    assert "never performed in the measured cases" in html
    assert "Upload an event log" not in html  # the public reads, the team uploads


def test_the_team_uploads_a_log_a_wrong_one_is_refused_and_a_bad_line_fails_its_analysis(client):
    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    client.force_login(factories.partner_coordinator(own))
    url = f"/en/lean/services/{service.pk}/event-logs/"
    wrong = SimpleUploadedFile("log.csv", b"case_id,activity\n1,a\n")
    response = client.post(url, {"name": "Februāris", "file": wrong})
    assert response.status_code == 200 and "timestamp" in response.content.decode()
    assert not EventLog.objects.exists()
    bad = SimpleUploadedFile("log.csv", b"case_id,activity,timestamp\n1,a,2024-01-01\n2,b,someday\n")
    response = client.post(url, {"name": "Februāris", "file": bad}, follow=True)
    html = response.content.decode()
    assert "could not be analysed" in html and "line 3" in html
    assert EventLog.objects.get().status == EventLog.Status.FAILED
    EventLog.objects.all().delete()
    good = SimpleUploadedFile("log.csv", LOG)
    response = client.post(url, {"name": "Februāris", "file": good})
    assert response.status_code == 302 and EventLog.objects.get().results["cases"] == 3


def test_another_municipality_cannot_upload(client):
    service = _service()
    client.force_login(factories.partner_coordinator(factories.organisation()))
    response = client.post(
        f"/en/lean/services/{service.pk}/event-logs/", {"name": "x", "file": SimpleUploadedFile("log.csv", LOG)}
    )
    assert response.status_code == 403


def test_the_catalogue_lists_and_filters_services(client):
    _service()
    html = client.get("/lv/lean/").content.decode()
    assert "Būvatļaujas izsniegšana" in html
    assert "Būvatļaujas" not in client.get("/lv/lean/?q=nekas").content.decode().split("<main")[1]


def test_the_service_page_runs_the_same_queries_whatever_the_size_of_its_map_and_history(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for maps_count in (1, 3):
        service = _service()
        for _ in range(maps_count):
            process_map = services.save_map(service=service, steps=STEPS * maps_count)
            services.upload_event_log(service=service, data=LOG, name="log")
        for step in list(process_map.steps.all())[:maps_count]:
            services.propose_improvement(step=step, kind="automate", title="E-pakalpojums")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/en/lean/services/{service.pk}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
