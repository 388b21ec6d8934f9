"""Pickers instead of drop-downs of the whole directory: the form page does not grow with the directory, a
typed name (any language, no diacritics needed) or "Name [code]" finds the one entry, and the suggestions
endpoint answers at most ten."""

from datetime import date

import pytest

from kopa.activities import services
from kopa.activities.models import Activity
from kopa.directory.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    project = factories.project(code="PICK-1")
    return project, factories.programme_coordinator(project)


def _new_activity(client, project, **fields):
    return client.post("/en/activities/new/", {
        "kind": "seminar", "title_lv": "Seminārs", "project": project.pk, "date_precision": "day",
        "start_date": "2026-05-27", "end_date": "2026-05-27", "format": "in_person", **fields})


def test_the_activity_form_does_not_list_the_directory(coordinator, client):
    project, user = coordinator
    client.force_login(user)
    factories.municipality(name="Pirmais novads")
    small = len(client.get("/en/activities/new/").content)
    for number in range(300):
        factories.municipality(name=f"Pašvaldība numur {number}")
        factories.organisation(name=f"Iestāde numur {number}")
    html = client.get("/en/activities/new/").content.decode()
    assert "Pašvaldība numur 17" not in html and "Iestāde numur 17" not in html
    assert len(html) < small + 2000  # the same page, whatever the size of the directory
    assert 'data-picker="/en/pick/municipality/"' in html


def test_a_typed_name_finds_the_entry_without_diacritics_or_case(coordinator, client):
    project, user = coordinator
    client.force_login(user)
    town = factories.municipality(name="Rēzeknes novads")
    host = factories.organisation(name="Utenos rajono savivaldybė", country_code="LT")
    response = _new_activity(client, project, host_municipalities="rezeknes NOVADS", hosts=f"{host} [{host.slug}]")
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title_lv="Seminārs")
    assert list(activity.host_municipalities.all()) == [town] and list(activity.hosts.all()) == [host]
    # Shown again as it was chosen, with the reference that tells it apart.
    html = client.get(f"/en/activities/{activity.pk}/edit/").content.decode()
    assert f'value="Rēzeknes novads [{town.code}]"' in html


def test_several_entries_by_that_name_or_none_are_refused_with_a_message(coordinator, client):
    project, user = coordinator
    client.force_login(user)
    factories.municipality(name="Vecpils pagasts")
    factories.municipality(name="Vecpils pagasts")
    for typed in ("Vecpils pagasts", "Nekurienes novads"):
        response = _new_activity(client, project, host_municipalities=typed)
        assert response.status_code == 200
        assert f"Nothing that may be chosen here is called “{typed}”" in response.content.decode()
    assert not Activity.objects.exists()
    two = Municipality.objects.filter(name_lv="Vecpils pagasts").order_by("pk")
    response = _new_activity(client, project, host_municipalities=f"Vecpils pagasts [{two[1].code}]")
    assert response.status_code == 302
    assert list(Activity.objects.get().host_municipalities.all()) == [two[1]]


def test_the_picker_message_is_in_the_readers_language(coordinator, client):
    project, user = coordinator
    client.force_login(user)
    response = client.post("/lt/activities/new/", {
        "kind": "seminar", "title_lv": "Seminārs", "project": project.pk, "date_precision": "day",
        "start_date": "2026-05-27", "end_date": "2026-05-27", "format": "in_person",
        "hosts": "Nėra tokios įstaigos"})
    assert "Nieko, ką čia galima pasirinkti, nėra pavadinta „Nėra tokios įstaigos“" in response.content.decode()


def test_suggestions_match_every_word_and_stop_at_ten(client):
    for number in range(15):
        factories.organisation(name=f"Ludzas novada skola {number}")
    factories.organisation(name="Ludzas novada pašvaldība")
    utena = factories.organisation(name="Utenos rajono savivaldybė", country_code="LT")
    results = client.get("/lv/pick/organisation/", {"q": "ludzas skola"}).json()["results"]
    assert len(results) == 10 and all("skola" in entry["label"] for entry in results)
    found = client.get("/lv/pick/organisation/", {"q": "savivaldybe uten"}).json()["results"]
    assert [entry["label"] for entry in found] == [f"{utena} [{utena.slug}]"]
    assert client.get("/lv/pick/organisation/", {"q": ""}).json() == {"results": []}
    assert client.get("/lv/pick/person/", {"q": "Anna"}).status_code == 404  # people are not suggested to anyone


def test_an_activity_created_by_the_service_is_shown_with_its_hosts(coordinator, client):
    project, user = coordinator
    host = factories.organisation(name="Rēzeknes novada pašvaldība")
    activity = services.create_activity(by=user, project=project, kind="seminar", title_lv="Tikšanās",
                                        start_date=date(2026, 5, 27), end_date=date(2026, 5, 27),
                                        registration_deadline=None, hosts=[host])
    client.force_login(user)
    html = client.get(f"/lv/activities/{activity.pk}/edit/").content.decode()
    assert f'value="{host} [{host.slug}]"' in html
