"""Existing entries are edited by their own organisation's coordinators and by administrators, no one else."""

import base64
import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kopa.core.errors import PermissionDenied
from kopa.directory import services
from kopa.directory.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _basic(user):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()}


def test_the_coordinator_of_a_persons_organisation_edits_them_others_may_not(client):
    organisation = factories.organisation()
    person = factories.employee(organisation, first_name="Ilze", publication_consent=True)
    own, other = factories.partner_coordinator(organisation), factories.partner_coordinator(factories.organisation())
    url = reverse("directory:person_edit", args=[person.pk])
    page = person.get_absolute_url()
    client.force_login(other)
    assert client.get(url).status_code == 403
    response = client.patch(f"/api/people/{person.pk}", json.dumps({"last_name": "Pārņemta"}),
                            content_type="application/json", **_basic(other))
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_person(by=other, person=person, last_name="Pārņemta")
    client.force_login(own)
    assert "Edit</a>" in client.get(page).content.decode()
    response = client.post(url, {"first_name": "Ilze", "last_name": "Ozola-Kalniņa", "email": "",
                                 "publication_consent": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Ozola-Kalniņa" and person.publication_consent
    # A consent is the person's (or an administrator's) to change: the coordinator is not offered it, and a
    # submission without it leaves it as it was.
    form = client.get(url).context["form"]
    assert "publication_consent" not in form.fields and "photo_consent" not in form.fields
    assert client.post(url, {"first_name": "Ilze", "last_name": "Ozola", "email": ""}).status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Ozola" and person.publication_consent


def test_a_place_is_edited_by_the_coordinators_of_an_organisation_in_it(client):
    place = factories.municipality(name="Zīgene")
    administration = factories.organisation(municipality=place)
    own, other = factories.partner_coordinator(administration), factories.partner_coordinator(
        factories.organisation())
    edit = reverse("directory:place_edit", args=[place.code])  # an API request resets the thread's language
    response = client.patch(f"/api/municipalities/{place.code}", json.dumps({"lau_code": "05970040"}),
                            content_type="application/json", **_basic(other))
    assert response.status_code == 403
    response = client.patch(f"/api/municipalities/{place.code}", json.dumps({"lau_code": "05970040"}),
                            content_type="application/json", **_basic(own))
    assert response.status_code == 200
    client.force_login(own)
    response = client.post(edit, {
        "name_lv": "Zīgene", "name_lt": "", "name_en": "Siegen", "kind": "town", "lau_code": "05970040",
        "valid_from": "2020-01-01", "valid_to": "2019-01-01"})
    assert response.status_code == 200 and "The period ends before it starts." in response.content.decode()
    place.refresh_from_db()
    assert (place.lau_code, place.valid_to, place.name_en) == ("05970040", None, None)
    response = client.post(edit, {
        "name_lv": "Zīgene", "name_lt": "", "name_en": "Siegen", "kind": "town", "lau_code": "05970040",
        "valid_from": "", "valid_to": "2019-01-01"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.name_en, place.valid_to) == ("Siegen", date(2019, 1, 1))
    assert Municipality.objects.count() == 1  # edited, never a second one
