import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_back_office_shows_an_organiser_only_their_activities(client):
    own_org = factories.organisation()
    own = factories.activity(organiser=own_org, title_lv="Mūsu seminārs")
    other = factories.activity(title_lv="Svešs seminārs")
    coordinator = factories.partner_coordinator(own_org)
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    listing = client.get("/lv/admin/activities/activity/").content.decode()
    assert "Mūsu seminārs" in listing and "Svešs seminārs" not in listing
    assert client.get(f"/lv/admin/activities/activity/{own.pk}/change/").status_code == 200
    assert client.get(f"/lv/admin/activities/activity/{other.pk}/change/").status_code in (302, 403, 404)
