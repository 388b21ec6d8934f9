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
