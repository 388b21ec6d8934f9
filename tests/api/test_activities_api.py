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


def test_a_presenter_who_did_not_agree_to_be_named_is_shown_by_position_only(client):
    from kopa.directory.models import Position

    activity = factories.activity()
    organisation = factories.organisation()
    named = factories.employee(organisation, first_name="Publiska", publication_consent=True)
    private = factories.employee(organisation, first_name="Privāta", publication_consent=False)
    services.add_programme_item(activity=activity, day=activity.start_date, title_lv="Prezentācijas",
                                presenters=list(Position.objects.filter(person__in=[named, private])))
    presenters = client.get(f"/api/activities/{activity.pk}").json()["programme"][0]["presenters"]
    assert any("Publiska" in p for p in presenters) and not any("Privāta" in p for p in presenters)
    assert len(presenters) == 2
