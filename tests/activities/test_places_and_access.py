"""Where an activity took place — foreign host towns included, or the country a source states when it names no
host — and who keeps access to it: a coordinator who recorded it, even outside their project or organisation.
Events of a programme itself belong to no project."""

import base64
from datetime import date

import pytest

from kopa.activities import services
from kopa.activities.models import Activity
from kopa.core.errors import PermissionDenied
from kopa.directory.models import Country
from tests import factories

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _country(code, lv, lt, en):
    return Country.objects.update_or_create(code=code, defaults={"name": lv, "name_lv": lv, "name_lt": lt,
                                                                 "name_en": en})[0]


def test_an_activity_in_a_german_town_is_in_germany_on_the_page_in_the_api_and_the_filter(client):
    _country("DE", "Vācija", "Vokietija", "Germany")
    town = factories.municipality(name="Lübeck", country_code="LV")
    town.country = Country.objects.get(code="DE")
    town.save()
    visit = factories.activity(title_lv="Vizīte Lībekā", host_municipalities=[town])
    at_home = factories.activity(title_lv="Seminārs Rīgā", host_municipalities=[factories.municipality()])
    assert "Vācija" in client.get(f"/lv/activities/{visit.pk}/").content.decode()
    assert "Vokietija" in client.get(f"/lt/activities/{visit.pk}/").content.decode()
    assert client.get(f"/api/activities/{visit.pk}").json()["countries"] == ["DE"]
    listing = client.get("/lv/activities/?country=DE").content.decode()
    assert "Vizīte Lībekā" in listing and "Seminārs Rīgā" not in listing
    assert [a["id"] for a in client.get("/api/activities?country=de").json()["items"]] == [visit.pk]
    assert at_home.pk in [a["id"] for a in client.get("/api/activities?country=LV").json()["items"]]


def test_with_no_host_known_the_stated_country_is_shown_and_filtered(client):
    norway = _country("NO", "Norvēģija", "Norvegija", "Norway")
    activity = services.create_activity(kind="study_visit", title_lv="Pieredze Norvēģijā", country=norway,
                                        date_precision="year", year_from=2016)
    assert "Norway" in client.get(f"/en/activities/{activity.pk}/").content.decode()
    data = client.get(f"/api/activities/{activity.pk}").json()
    assert data["countries"] == ["NO"] and data["country"] == "NO"
    assert [a["id"] for a in client.get("/api/activities?country=NO").json()["items"]] == [activity.pk]


def test_an_unknown_country_code_is_refused_by_the_api_and_nothing_saved(client):
    project = factories.project(code="C-1")
    coordinator = factories.programme_coordinator(project)
    response = client.post("/api/activities", {"kind": "seminar", "title_en": "Somewhere", "project": "C-1",
                                               "precision": "unknown", "country": "QQ"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and "QQ" in response.content.decode()
    assert not Activity.objects.filter(title_en="Somewhere").exists()


def test_a_coordinator_records_an_activity_of_nobody_they_coordinate_and_keeps_access_to_it(client):
    coordinator = factories.programme_coordinator(factories.project(code="MINE-1"))
    stranger_org = factories.organisation(name="Cita pašvaldība")
    activity = services.create_activity(by=coordinator, kind="seminar", title_lv="Kaimiņu seminārs 2019",
                                        organisers=[stranger_org], date_precision="year", year_from=2019)
    no_organiser = services.create_activity(by=coordinator, kind="forum", title_lv="Forums, rīkotājs nav zināms",
                                            date_precision="unknown")
    client.force_login(coordinator)
    assert client.get(f"/lv/activities/{activity.pk}/edit/").status_code == 200
    assert client.get(f"/lv/activities/{no_organiser.pk}/programme/").status_code == 200
    # Changing it keeps access too.
    services.update_activity(activity=activity, by=coordinator, organisers=[])
    assert client.get(f"/lv/activities/{activity.pk}/edit/").status_code == 200
    # Another coordinator, who recorded nothing of it, has no access.
    other = factories.programme_coordinator(factories.project(code="OTHER-1"))
    client.force_login(other)
    assert client.get(f"/lv/activities/{activity.pk}/edit/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_activity(activity=activity, by=other, title_lv="Mainīts")


def test_someone_who_coordinates_nothing_cannot_record_an_activity():
    with pytest.raises(PermissionDenied):
        services.create_activity(by=factories.user(), kind="seminar", title_lv="Nē", date_precision="unknown")
    assert not Activity.objects.exists()


def test_a_coordinator_cannot_put_an_activity_into_a_project_they_do_not_coordinate():
    coordinator = factories.programme_coordinator(factories.project(code="MINE-2"))
    with pytest.raises(PermissionDenied):
        services.create_activity(by=coordinator, kind="seminar", title_lv="Svešs", date_precision="unknown",
                                 project=factories.project(code="NOT-MINE"))


def test_an_event_of_a_programme_belongs_to_no_project_and_links_to_the_programme(client):
    programme = factories.programme(code="interreg-lv-lt")
    launch = services.create_activity(kind="forum", title_lv="Programmas atklāšana", of_programme=programme,
                                      date_precision="month", start_date=date(2015, 6, 1))
    page = client.get(f"/en/activities/{launch.pk}/").content.decode()
    assert "Event of the programme" in page and programme.get_absolute_url() in page
    assert client.get(f"/api/activities/{launch.pk}").json()["event_of_programme"] == "interreg-lv-lt"
    listed = client.get(programme.get_absolute_url().replace("/lv/", "/en/")).content.decode()
    assert "Programmas atklāšana" in listed and "June 2015" in listed
