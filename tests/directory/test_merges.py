"""Administrators merge duplicates: every reference moves, nothing is lost, the duplicate's name stays as a variant,
and the merge is logged."""

import base64
import json

import pytest
from django.urls import reverse
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.directory import services
from kopa.directory.models import (
    MergeLog,
    Municipality,
    MunicipalityVariant,
    Organisation,
    OrganisationVariant,
    Person,
    PersonVariant,
    Position,
    Relationship,
)
from kopa.projects import services as project_services
from kopa.projects.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin():
    return factories.user(is_superuser=True, is_staff=True)


def _two_utenas(coordinator):
    lt = factories.country("LT")
    kept, _ = services.save_organisation(slug="utenos-rajono-savivaldybe", kind="municipal_administration",
                                         country=lt, names={"lt": "Utenos rajono savivaldybė",
                                                            "en": "Utena District Municipality"})
    duplicate = services.add_organisation(by=coordinator, names={"lt": "UTENOS RAJONO SAVIVALDYBE"},
                                          kind="municipal_administration", country="LT", website="https://utena.lt",
                                          confirm_new=True)
    return kept, duplicate


def test_an_administrator_merges_two_organisations_on_the_page_and_nothing_is_lost(client, admin):
    coordinator = factories.partner_coordinator(factories.organisation())
    kept, duplicate = _two_utenas(coordinator)
    services.add_variant(by=coordinator, record=duplicate, name="Utenos raj. sav.", kind="abbreviation")
    person = factories.employee(duplicate, first_name="Zita")
    project = factories.project()
    project_services.add_partner(project=project, organisation=duplicate, role="partner")
    other = factories.organisation(name="Gulbene")
    services.add_relationship(by=coordinator, first=other, second=duplicate, kind="twin_towns")

    client.force_login(admin)
    url = reverse("directory:merge", args=["organisation"])
    assert client.get(url, {"kept": kept.slug}).status_code == 200
    response = client.post(url, {"kept": kept.slug, "duplicate": duplicate.slug})
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Position.objects.get(person=person).organisation == kept
    assert Partnership.objects.get(project=project).organisation == kept
    assert Relationship.objects.get(first=other).second == kept
    kept.refresh_from_db()
    assert kept.website == "https://utena.lt"  # a fact only the duplicate had
    assert sorted(OrganisationVariant.objects.filter(organisation=kept).values_list("name", flat=True)) == [
        "UTENOS RAJONO SAVIVALDYBE", "Utenos raj. sav."]
    log = MergeLog.objects.get()
    assert (log.record_type, log.kept_id, log.duplicate_id, log.merged_by) == (
        "directory.organisation", kept.pk, duplicate.pk, admin)
    assert log.moved["moved"]["directory.position.organisation"] == 1
    assert log.moved["moved"]["projects.partnership.organisation"] == 1
    page = client.get(kept.get_absolute_url()).content.decode()
    assert "UTENOS RAJONO SAVIVALDYBE" in page and "Gulbene" in page and "Zita" in page
    # The duplicate's old address leads to the entry kept.
    old = client.get(reverse("directory:organisation", args=[duplicate.slug]))
    assert old.status_code == 301 and old["Location"] == kept.get_absolute_url()
    assert client.get(reverse("directory:organisation", args=["never-was"])).status_code == 404


def test_the_coordinator_of_a_merged_organisation_coordinates_the_one_kept():
    coordinator = factories.partner_coordinator(factories.organisation())
    kept, duplicate = _two_utenas(coordinator)
    own_coordinator = factories.partner_coordinator(duplicate)
    services.merge_entries(kept=kept, duplicate=duplicate, by=factories.user(is_superuser=True, is_staff=True))
    own_coordinator = type(own_coordinator).objects.get(pk=own_coordinator.pk)  # roles are cached per object
    assert own_coordinator.has_perm("directory.change_organisation", kept)


def test_people_and_places_are_merged_through_the_api(client, admin):
    first = services.save_person(first_name="Jānis", last_name="Bērziņš", publication_consent=True)
    second = services.save_person(first_name="Janis", last_name="Berzins", email="janis@example.lv")
    organisation = factories.organisation()
    services.save_position(person=second, organisation=organisation, titles={"lv": "direktors"})
    auth = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{admin.username}:pw-test-123".encode()).decode()}
    response = client.post("/api/merges", json.dumps({"collection": "people", "kept": str(first.pk),
                                                      "duplicate": str(second.pk)}),
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    first.refresh_from_db()
    assert first.email == "janis@example.lv"
    assert Position.objects.get(organisation=organisation).person == first
    assert list(PersonVariant.objects.filter(person=first).values_list("name", flat=True)) == ["Janis Berzins"]
    assert not Person.objects.filter(pk=second.pk).exists()

    kept, duplicate = factories.municipality(name="Zīgene"), factories.municipality(name="Siegen")
    factories.organisation(municipality=duplicate)
    response = client.post("/api/merges", json.dumps({"collection": "municipalities", "kept": kept.code,
                                                      "duplicate": duplicate.code}),
                           content_type="application/json", **auth)
    assert response.status_code == 201
    assert kept.organisations.count() == 1
    assert list(MunicipalityVariant.objects.filter(municipality=kept).values_list("name", flat=True)) == ["Siegen"]


def test_a_merge_into_itself_is_refused_with_a_translated_message_and_changes_nothing(client, admin):
    organisation = factories.organisation()
    client.force_login(admin)
    with translation.override("lv"):
        url = reverse("directory:merge", args=["organisation"])
        response = client.post(url, {"kept": organisation.slug, "duplicate": organisation.slug})
    assert response.status_code == 200
    assert "Ierakstu nevar apvienot pašu ar sevi." in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not MergeLog.objects.exists()


def test_only_administrators_merge(client):
    coordinator = factories.partner_coordinator(factories.organisation())
    kept, duplicate = _two_utenas(coordinator)
    client.force_login(coordinator)
    assert client.post(reverse("directory:merge", args=["organisation"]),
                       {"kept": kept.slug, "duplicate": duplicate.slug}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.merge_entries(kept=kept, duplicate=duplicate, by=coordinator)
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_a_person_is_not_merged_into_an_organisation(admin):
    with pytest.raises(DomainError):
        services.merge_entries(kept=factories.organisation(),
                               duplicate=services.save_person(first_name="A", last_name="B"), by=admin)
    assert Person.objects.count() == 1
    assert Municipality.objects.count() == 0


def test_the_back_office_merges_and_reviews_through_the_services(client, admin):
    coordinator = factories.partner_coordinator(factories.organisation())
    kept, duplicate = _two_utenas(coordinator)
    client.force_login(admin)
    changelist = reverse("admin:directory_organisation_changelist")
    response = client.post(changelist, {"action": "mark_reviewed", "_selected_action": [duplicate.pk]})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert not duplicate.awaiting_review
    response = client.post(changelist, {"action": "merge_two", "_selected_action": [kept.pk, duplicate.pk]})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert MergeLog.objects.get().merged_by == admin
    assert OrganisationVariant.objects.filter(organisation=kept, name="UTENOS RAJONO SAVIVALDYBE").exists()


def test_back_office_forms_name_people_and_places_without_selects_of_whole_tables(client, admin):
    person = services.save_person(first_name="Kari", last_name="Nordmann")
    services.save_position(person=person, organisation=factories.organisation(), titles={"lv": "vēstniece"})
    client.force_login(admin)
    html = client.get(reverse("admin:directory_person_change", args=[person.pk])).content.decode()
    assert 'name="positions-0-department"' in html and 'name="user"' in html
    assert '<select name="user"' not in html and '<select name="positions-0-department"' not in html
    assert client.get(reverse("admin:directory_relationship_add")).status_code == 200
    assert client.get(reverse("admin:directory_mergelog_changelist")).status_code == 200
