import base64

import pytest

from kopa.activities import services
from kopa.activities.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_activities_are_read_with_their_programme_and_outcomes(client):
    activity = factories.activity(kind="seminar", title_lv="IMC-0")
    services.add_breakout(activity=activity, theme_lv="Politiskā līderība")
    services.add_outcome(activity=activity, title_lv="Turpmāko apmācību plāns")
    data = client.get(f"/api/activities/{activity.pk}").json()
    assert data["title_lv"] == "IMC-0"
    assert data["breakouts"] == ["Politiskā līderība"] and data["outcomes"] == ["Turpmāko apmācību plāns"]
    listing = client.get("/api/activities?kind=seminar").json()
    assert listing["count"] == 1


def test_a_coordinator_registers_through_the_api_with_the_same_rules(client):
    activity = factories.activity(capacity=1)
    own, other = factories.organisation(), factories.organisation()
    coordinator = factories.partner_coordinator(own)
    first, second = factories.employee(own), factories.employee(own)
    response = client.post(f"/api/activities/{activity.pk}/registrations", {"person": first.pk},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    response = client.post(f"/api/activities/{activity.pk}/registrations", {"person": second.pk, "waitlist": False},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and "no free seats" in response.json()["detail"]
    response = client.post(f"/api/activities/{activity.pk}/registrations",
                           {"person": factories.employee(other).pk}, content_type="application/json",
                           **_basic(coordinator))
    assert response.status_code == 403
    listing = client.get(f"/api/activities/{activity.pk}/registrations", **_basic(coordinator)).json()
    assert listing["count"] == 1
    assert client.get(f"/api/activities/{activity.pk}/registrations").status_code == 401
    registration = Registration.objects.get()
    assert client.post(f"/api/registrations/{registration.pk}/check-in", **_basic(coordinator)).status_code == 403
