import base64

import pytest

from kopa.lean import services
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_maps_logs_improvements_and_comparison_through_the_api(client):
    own = factories.organisation()
    service = _service(own)
    team = factories.partner_coordinator(own)
    response = client.post(
        f"/api/lean/services/{service.pk}/maps", STEPS, content_type="application/json", **_basic(team)
    )
    assert response.status_code == 201, response.content
    assert response.json()["lead_minutes"] == 1580
    services.upload_event_log(service=service, data=LOG, name="Janvāris")
    assert client.get(f"/api/lean/services/{service.pk}/event-logs").status_code == 401
    outsider = factories.partner_coordinator(factories.organisation())
    assert client.get(f"/api/lean/services/{service.pk}/event-logs", **_basic(outsider)).status_code == 403
    logs = client.get(f"/api/lean/services/{service.pk}/event-logs", **_basic(team)).json()
    assert logs[0]["results"]["cases"] == 3
    response = client.post(
        f"/api/lean/services/{service.pk}/improvements",
        {"step": 3, "kind": "remove", "title": "Bez arhīva"},
        content_type="application/json",
        **_basic(team),
    )
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    rows = client.get("/api/lean/compare/building-permit").json()
    assert rows[0]["lead_minutes"] == 1580
    assert client.get("/api/lean/services?service_type=building-permit").json()["count"] == 1


def test_a_log_is_uploaded_and_an_improvement_carried_through_by_the_api(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from kopa.lean.models import EventLog, Improvement

    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    team = factories.lean_team(own)
    url = f"/api/lean/services/{service.pk}/event-logs"
    no_time = SimpleUploadedFile("log.csv", b"case_id,activity\n1,a\n")
    with translation.override("en"):
        response = client.post(url, {"name": "Marts", "file": no_time}, **_basic(team), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "timestamp" in response.content.decode()
    assert not EventLog.objects.exists()
    # A bad line is found by the analysis, which parses the log once: the measurement failed, and says where.
    bad = SimpleUploadedFile("log.csv", b"case_id,activity,timestamp\n1,a,2024-01-01\n2,b,someday\n")
    with translation.override("en"):
        response = client.post(url, {"name": "Marts", "file": bad}, **_basic(team), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201 and response.json()["status"] == "failed"
    assert "line 3" in response.json()["error"]
    EventLog.objects.all().delete()
    outsider = factories.lean_team(factories.organisation())
    response = client.post(url, {"name": "Marts", "file": SimpleUploadedFile("log.csv", LOG)}, **_basic(outsider))
    assert response.status_code == 403 and not EventLog.objects.exists()

    response = client.post(url, {"name": "Marts", "file": SimpleUploadedFile("log.csv", LOG),
                                 "duration_basis": "working"}, **_basic(team))
    assert response.status_code == 201, response.content
    log = response.json()
    assert log["status"] == "done" and log["duration_basis"] == "working"
    detail = client.get(f"/api/lean/event-logs/{log['id']}", **_basic(team)).json()
    assert detail["results"]["cases"] == 3 and detail["results"]["basis"] == "working"
    assert client.get(f"/api/lean/event-logs/{log['id']}", **_basic(outsider)).status_code == 403

    step = service.maps.get().steps.get(position=3)
    improvement = services.propose_improvement(step=step, kind="remove", title="Bez arhīva", by=team)
    status_url = f"/api/lean/improvements/{improvement.pk}/status"
    response = client.post(status_url, {"status": "done"}, content_type="application/json", **_basic(team))
    assert response.status_code == 400  # "done" comes only with the new map
    response = client.post(status_url, {"status": "approved"}, content_type="application/json", **_basic(team))
    assert response.json()["status"] == "approved"
    response = client.post(f"/api/lean/improvements/{improvement.pk}/carry-out", {}, content_type="application/json",
                           **_basic(team))
    assert response.status_code == 201 and response.json()["version"] == 2
    assert len(response.json()["steps"]) == len(STEPS) - 1
    assert Improvement.objects.get().status == "done"
