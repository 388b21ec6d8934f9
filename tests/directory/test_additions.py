"""Coordinators add what texts name to the directory, through the pages and the API; likely duplicates are shown
before saving; additions await an administrator's review."""

import base64
import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kopa.core.errors import DomainError
from kopa.directory import services
from kopa.directory.countries import ensure_countries, iso_codes
from kopa.directory.models import (
    Country,
    Municipality,
    Organisation,
    OrganisationVariant,
    Person,
    Position,
    Relationship,
    Succession,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Pages in English (their addresses carry the language); Latvian is asked for where it is checked."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator():
    """A partner coordinator of a Latvian municipality, not an administrator."""
    return factories.partner_coordinator(factories.organisation())


@pytest.fixture
def admin():
    return factories.user(is_superuser=True, is_staff=True)


def _basic(user):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()}


def _post_json(client, url, data, user):
    return client.post(url, json.dumps(data), content_type="application/json", **_basic(user))


def _utena():
    lt = factories.country("LT")
    organisation, _ = services.save_organisation(
        slug="utenos-rajono-savivaldybe", kind="municipal_administration", country=lt,
        names={"lt": "UTENOS RAJONO SAVIVALDYBE"})
    return organisation


def test_a_coordinator_adds_a_moldovan_partner_through_the_page(client, coordinator):
    client.force_login(coordinator)
    url = reverse("directory:organisation_add")
    assert client.get(url).status_code == 200
    response = client.post(url, {"name_en": "Local Public Association of Ungheni", "name_lv": "",
                                 "kind": "association", "country": "MD", "short_name": "APL Ungheni"})
    organisation = Organisation.objects.get(name_en="Local Public Association of Ungheni")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert organisation.country.code == "MD"
    assert (organisation.country.name_lv, organisation.country.name_lt) == ("Moldova", "Moldova")
    assert organisation.awaiting_review and organisation.added_by == coordinator
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert f"added by {coordinator.username}, not yet reviewed" in html


def test_a_coordinator_adds_a_moldovan_partner_through_the_api_and_an_embassy_through_the_page(client, coordinator):
    response = _post_json(client, "/api/organisations", {
        "name_en": "Ungheni District Council", "name_lv": "Ungeni rajona padome", "kind": "municipal_administration",
        "country": "MD"}, coordinator)
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "MD" and response.json()["awaiting_review"] is True
    client.force_login(coordinator)
    with translation.override("en"):
        url = reverse("directory:organisation_add")
    response = client.post(url, {"name_en": "Embassy of the Republic of Moldova in Latvia", "kind": "embassy",
                                 "country": "LV"})
    assert response.status_code == 302
    embassy = Organisation.objects.get(kind="embassy")
    assert embassy.country.code == "LV" and embassy.added_by == coordinator


def test_a_coordinator_adds_an_embassy_and_an_international_body_through_the_api(client, coordinator):
    response = _post_json(client, "/api/organisations", {
        "name_en": "Embassy of Norway in Riga", "kind": "embassy", "country": "LV"}, coordinator)
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "embassy" and response.json()["awaiting_review"] is True
    response = _post_json(client, "/api/organisations", {
        "name_en": "Council of Europe", "kind": "international"}, coordinator)
    assert response.status_code == 201 and response.json()["country"] is None
    council = Organisation.objects.get(name_en="Council of Europe")
    assert council.country is None
    with translation.override("en"):  # the API request before set the thread's language
        html = client.get(council.get_absolute_url()).content.decode()
    assert "no single country" in html


def test_a_coordinator_adds_a_german_host_town_through_the_page_and_the_api(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("directory:place_add"), {
        "name_lv": "Zīgene", "name_en": "Siegen", "country": "DE", "kind": "town", "lau_code": "05970040"})
    siegen = Municipality.objects.get(name_en="Siegen")
    assert response.status_code == 302
    assert (siegen.country.code, siegen.kind, siegen.lau_code, siegen.code) == ("DE", "town", "05970040", "DE-zigene")
    assert siegen.awaiting_review
    assert client.get(siegen.get_absolute_url()).status_code == 200
    response = _post_json(client, "/api/municipalities", {
        "name_en": "Görlitz", "country": "de", "kind": "town"}, coordinator)
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "DE"


def test_a_coordinator_adds_a_person_known_from_a_text_with_their_position(client, coordinator):
    embassy = factories.organisation(name="Norvēģijas vēstniecība", kind="embassy")
    client.force_login(coordinator)
    response = client.post(reverse("directory:person_add"), {
        "first_name": "Kari", "last_name": "Nordmann", "organisation": embassy.slug, "title": "vēstniece",
        "publication_consent": "on"})
    person = Person.objects.get(last_name="Nordmann")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    position = Position.objects.get(person=person)
    assert (position.organisation, position.title_lv) == (embassy, "vēstniece")
    assert person.awaiting_review and position.awaiting_review
    assert "vēstniece" in client.get(person.get_absolute_url()).content.decode()

    # Someone who did not agree to be named: the coordinator who added them sees the page, the public does not.
    response = client.post(reverse("directory:person_add"), {"first_name": "Ingrid", "last_name": "Berg"})
    private = Person.objects.get(last_name="Berg")
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    assert client.get(private.get_absolute_url()).status_code == 404
    client.force_login(coordinator)

    response = _post_json(client, "/api/people", {
        "first_name": "Ola", "last_name": "Hansen", "organisation": embassy.name_lv, "title": "konsuls"}, coordinator)
    assert response.status_code == 201, response.content
    assert Position.objects.get(person_id=response.json()["id"]).organisation == embassy


def test_a_programme_coordinator_may_add_too_but_someone_without_a_role_may_not(client):
    programme_coordinator = factories.programme_coordinator(factories.project())
    client.force_login(programme_coordinator)
    assert client.get(reverse("directory:organisation_add")).status_code == 200
    nobody = factories.user()
    client.force_login(nobody)
    assert client.get(reverse("directory:organisation_add")).status_code == 403
    response = client.post(reverse("directory:person_add"), {"first_name": "A", "last_name": "B"})
    assert response.status_code == 403
    response = _post_json(client, "/api/organisations", {"name_en": "X", "kind": "company", "country": "DE"}, nobody)
    assert response.status_code == 403
    assert not Person.objects.exists() and not Organisation.objects.filter(name_en="X").exists()


def test_a_duplicate_written_differently_is_shown_before_saving_and_can_be_confirmed_as_new(client, coordinator):
    utena = _utena()
    client.force_login(coordinator)
    form = {"name_lt": "Utenos rajono savivaldybė", "name_lv": "", "kind": "municipal_administration",
            "country": "LT"}
    response = client.post(reverse("directory:organisation_add"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "UTENOS RAJONO SAVIVALDYBE" in html and utena.get_absolute_url() in html
    assert "same or similar name" in html and "same country" in html
    assert Organisation.objects.filter(country__code="LT").count() == 1  # nothing saved

    response = client.post(reverse("directory:organisation_add"), {**form, "confirm_new": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(country__code="LT").count() == 2


def test_a_duplicate_known_by_a_name_variant_is_shown_in_the_api(client, coordinator, admin):
    lt = factories.country("LT")
    utena, _ = services.save_organisation(slug="utena-dm", kind="municipal_administration", country=lt,
                                          names={"en": "Utena District Municipality"})
    services.add_variant(by=admin, record=utena, name="Utenos raj. sav.", kind="abbreviation")
    response = _post_json(client, "/api/organisations", {
        "name_lt": "Utenos rajono savivaldybei", "kind": "municipal_administration", "country": "LT"}, coordinator)
    assert response.status_code == 409
    body = response.json()
    assert body["candidates"][0]["reference"] == "utena-dm"
    assert any("Utenos raj. sav." in reason for reason in body["candidates"][0]["reasons"])
    assert Organisation.objects.count() == 2  # the coordinator's own and Utena's
    response = _post_json(client, "/api/organisations", {
        "name_lt": "Utenos rajono savivaldybei", "kind": "municipal_administration", "country": "LT",
        "confirm_new": True}, coordinator)
    assert response.status_code == 201


def test_duplicates_are_found_among_many_entries_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    lt = factories.country("LT")
    Organisation.objects.bulk_create([
        Organisation(slug=f"sav-{n}", kind="municipal_administration", country=lt, name=f"Savivaldybė {n}",
                     name_lt=f"Savivaldybė {n}", key=f"savivaldybe {n}") for n in range(1500)])
    _utena()
    from kopa.directory import duplicates
    with django_assert_max_num_queries(6):
        found = duplicates.organisation_duplicates(names=["Utenos rajono savivaldybė"], country=lt)
    assert [c.record.slug for c in found] == ["utenos-rajono-savivaldybe"]


def test_an_unknown_country_code_is_refused_in_the_readers_language_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)
    with translation.override("en"):
        with pytest.raises(DomainError) as refused:
            services.add_organisation(by=coordinator, names={"en": "Nowhere Ltd"}, kind="company", country="QQ")
    assert "“QQ” is not a country code" in str(refused.value)
    response = client.post("/api/organisations", json.dumps({"name_en": "Nowhere Ltd", "kind": "company",
                                                             "country": "XX"}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="lv", **_basic(coordinator))
    assert response.status_code == 400
    assert response.json()["field"] == "country"
    assert "nav valsts kods" in response.json()["detail"]
    # A form offers only the countries there are; a forged value is refused by the form.
    response = client.post(reverse("directory:place_add"), {"name_en": "Nowhere", "country": "XX", "kind": "town"})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name_en="Nowhere Ltd").exists()
    assert not Municipality.objects.filter(name_en="Nowhere").exists()
    assert not Country.objects.filter(code__in=["QQ", "XX"]).exists()


def test_a_place_ending_before_it_starts_is_refused_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("directory:place_add"), {
        "name_lv": "Vecpils", "country": "LV", "kind": "town", "valid_from": "2009-07-01",
        "valid_to": "1990-01-01"})
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    assert not Municipality.objects.filter(name_lv="Vecpils").exists()


def test_historical_units_have_periods_and_successors():
    lv = factories.country("LV")
    rajons = services.add_place(by=None, names={"lv": "Madonas rajons"}, country="LV", kind="district",
                                code="LV-MADONAS-RAJONS", valid_from=date(1950, 1, 1), valid_to=date(2009, 6, 30))
    pagasts = services.add_place(by=None, names={"lv": "Ļaudonas pagasts"}, country="LV", kind="parish",
                                 valid_to=date(2009, 6, 30))
    novads = factories.municipality(name="Madonas novads")
    services.record_succession(predecessor=rajons, successor=novads, on_date=date(2009, 7, 1), part="whole")
    services.record_succession(predecessor=pagasts, successor=novads, on_date=date(2009, 7, 1))
    assert not rajons.is_current and novads.is_current
    assert set(novads.predecessors.values_list("kind", flat=True)) == {"district", "parish"}
    assert Succession.objects.get(predecessor=rajons).successor == novads
    assert rajons.country == lv and not rajons.awaiting_review  # reference data needs no review
    # Lithuania before 1995: a rajonas went into the district municipality.
    rajonas = services.add_place(by=None, names={"lt": "Utenos rajonas"}, country="LT", kind="district",
                                 valid_to=date(1994, 12, 31))
    savivaldybe = factories.municipality(code="LT-54", name="Utenos rajono savivaldybė", country_code="LT")
    services.record_succession(predecessor=rajonas, successor=savivaldybe, on_date=date(1995, 1, 1))
    assert list(savivaldybe.predecessors.all()) == [rajonas] and rajonas.code == "LT-utenos-rajonas"


def test_every_iso_country_can_be_loaded_once_and_existing_names_are_kept():
    factories.country("LV")
    Country.objects.filter(code="LV").update(name_lv="Latvijas Republika")
    added = ensure_countries()
    assert added == len(iso_codes()) - 1 == 248
    assert ensure_countries() == 0
    assert Country.objects.get(code="LV").name_lv == "Latvijas Republika"
    germany = Country.objects.get(code="DE")
    assert (germany.name_lv, germany.name_lt, germany.name_en) == ("Vācija", "Vokietija", "Germany")
    assert not Country.objects.filter(code__in=["EU", "XK", "ZZ"]).exists()


def test_an_administrator_reviews_an_addition_a_coordinator_cannot(client, coordinator, admin):
    organisation = services.add_organisation(by=coordinator, names={"en": "Ungheni Museum"}, kind="museum",
                                             country="MD")
    url = reverse("directory:review", args=["organisation", organisation.slug])
    client.force_login(coordinator)
    assert client.post(url).status_code == 403
    client.force_login(admin)
    assert reverse("directory:awaiting_review") in client.get(reverse("directory:organisations")).content.decode()
    listing = client.get(reverse("directory:awaiting_review")).content.decode()
    assert "Ungheni Museum" in listing
    assert client.post(url).status_code == 302
    organisation.refresh_from_db()
    assert not organisation.awaiting_review and organisation.reviewed_by == admin
    assert "Ungheni Museum" not in client.get(reverse("directory:awaiting_review")).content.decode()


def test_coordinators_add_name_variants_and_search_finds_them(client, coordinator):
    utena = _utena()
    client.force_login(coordinator)
    response = client.post(reverse("directory:variant_add", args=["organisation", utena.slug]), {
        "name": "Utenos rajono savivaldybės administracija", "kind": "inflected", "language": "lt",
        "note": "article of 14 October 2019"})
    assert response.status_code == 302
    page = client.get(utena.get_absolute_url()).content.decode()
    assert "UTENOS RAJONO SAVIVALDYBE" in page and "Utenos rajono savivaldybės administracija" in page
    listing = client.get(reverse("directory:organisations"), {"q": "administracija"}).content.decode()
    assert utena.get_absolute_url() in listing
    # Diacritics and case do not matter in search either.
    listing = client.get(reverse("directory:organisations"), {"q": "savivaldybe"}).content.decode()
    assert utena.get_absolute_url() in listing
    response = _post_json(client, f"/api/organisations/{utena.slug}/variants",
                          {"name": "Utena district municipality", "kind": "translation", "language": "en"},
                          coordinator)
    assert response.status_code == 201
    response = _post_json(client, f"/api/organisations/{utena.slug}/variants",
                          {"name": "UTENOS  RAJONO SAVIVALDYBE"}, coordinator)  # the main name
    assert response.status_code == 400
    assert [v["name"] for v in client.get(f"/api/organisations/{utena.slug}").json()["variants"]] == [
        "Utena district municipality", "Utenos rajono savivaldybės administracija"]
    assert OrganisationVariant.objects.count() == 2


def test_relationships_are_shown_on_both_pages_and_bad_ones_refused(client, coordinator):
    utena = _utena()
    euroregion = factories.organisation(name="Eiroreģions “Ezeru zeme”", kind="euroregion")
    twin = factories.organisation(name="Gulbene")
    client.force_login(coordinator)
    url = reverse("directory:relationship_add", args=[utena.slug])
    response = client.post(url, {"other": euroregion.slug, "kind": "membership", "start_date": "1998-01-01"})
    assert response.status_code == 302
    response = client.post(url, {"other": twin.slug, "kind": "twin_towns", "signed_on": "2004-05-01",
                                 "link": "https://example.lt/sutartis.pdf"})
    assert response.status_code == 302
    assert "Gulbene" in client.get(utena.get_absolute_url()).content.decode()
    twin_page = client.get(twin.get_absolute_url()).content.decode()
    assert "UTENOS RAJONO SAVIVALDYBE" in twin_page and "https://example.lt/sutartis.pdf" in twin_page
    assert "Has as member: <a" in client.get(euroregion.get_absolute_url()).content.decode()
    assert "Member of: <a" in client.get(utena.get_absolute_url()).content.decode()

    count = Relationship.objects.count()
    response = client.post(url, {"other": utena.slug, "kind": "cooperation"})
    assert "An organisation cannot have a relationship with itself." in response.content.decode()
    response = client.post(url, {"other": twin.slug, "kind": "cooperation", "start_date": "2020-01-01",
                                 "end_date": "2019-01-01"})
    assert "The period ends before it starts." in response.content.decode()
    response = _post_json(client, f"/api/organisations/{utena.slug}/relationships",
                          {"other": utena.slug, "kind": "cooperation"}, coordinator)
    assert response.status_code == 400 and response.json()["field"] == "second"
    with translation.override("lv"), pytest.raises(DomainError) as refused:
        services.add_relationship(by=coordinator, first=twin, second=utena, kind="cooperation",
                                  start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))
    assert str(refused.value) == "Laikposms beidzas, pirms tas sākas."
    assert Relationship.objects.count() == count


def test_pickers_are_text_inputs_not_selects_of_whole_tables(client, coordinator):
    client.force_login(coordinator)
    for name in ("organisation_add", "person_add", "place_add"):
        html = client.get(reverse(f"directory:{name}")).content.decode()
        assert html.count("<select") <= 2  # kind and country: bounded lists
    html = client.get(reverse("directory:organisation_add")).content.decode()
    assert 'name="place"' in html and html.count("<option") < 300


def test_the_api_tells_what_an_addition_would_be_warned_about(client, coordinator):
    _utena()
    found = client.get("/api/directory/duplicates", {"kind": "organisations", "name": "Utenos raj. savivaldybė",
                                                     "country": "LT"}).json()
    assert [row["reference"] for row in found] == ["utenos-rajono-savivaldybe"]
    assert client.get("/api/directory/duplicates", {"kind": "organisations", "name": "Gulbenes novada pašvaldība"}
                      ).json() == []
    assert client.get("/api/directory/duplicates", {"kind": "organisations", "name": "X",
                                                    "country": "Q1"}).status_code == 400
    services.add_person(by=coordinator, first_name="Kari", last_name="Nordmann")
    assert client.get("/api/directory/duplicates", {"kind": "people", "first_name": "Kari",
                                                    "last_name": "Nordman"}).status_code == 403
    client.force_login(coordinator)
    people = client.get("/api/directory/duplicates", {"kind": "people", "first_name": "Kari",
                                                      "last_name": "Nordman"}).json()
    assert [row["name"] for row in people] == ["Kari Nordmann"]


def test_an_organisation_in_a_foreign_town_takes_the_towns_country(coordinator):
    town = services.add_place(by=coordinator, names={"en": "Siegen"}, country="DE", kind="town")
    organisation = services.add_organisation(by=coordinator, names={"de": "", "en": "Stadt Siegen"},
                                             kind="municipal_administration", municipality=town)
    assert organisation.country.code == "DE"


@pytest.mark.parametrize("url, payload, field", [
    ("/api/organisations", {"name_en": "x" * 301, "kind": "company", "country": "DE"}, "name_en"),
    ("/api/municipalities", {"name_lv": "x" * 201, "kind": "town", "country": "DE"}, "name_lv"),
    ("/api/people", {"first_name": "Kari", "last_name": "Nordmann", "email": "not an address"}, "email"),
])
def test_too_long_or_malformed_input_is_a_400_with_the_field_not_an_error_page(client, coordinator, url, payload,
                                                                                 field):
    response = _post_json(client, url, payload, coordinator)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert not Person.objects.exists()
    assert not Municipality.objects.filter(country__code="DE").exists()
    assert not Organisation.objects.filter(country__code="DE").exists()


def test_a_relationship_document_is_kept_and_a_web_page_file_refused(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first, second = factories.organisation(), factories.organisation()
    client.force_login(coordinator)
    url = reverse("directory:relationship_add", args=[first.slug])
    response = client.post(url, {"other": second.slug, "kind": "partnership", "document": SimpleUploadedFile(
        "page.html", b"<script>alert(1)</script>", content_type="text/html")})
    assert response.status_code == 200 and not Relationship.objects.exists()
    response = client.post(url, {"other": second.slug, "kind": "partnership", "signed_on": "2016-03-08",
                                 "document": SimpleUploadedFile("ligums.pdf", b"%PDF-1.4", "application/pdf")})
    assert response.status_code == 302
    relationship = Relationship.objects.get()
    assert relationship.document.name.endswith(".pdf") and relationship.signed_on == date(2016, 3, 8)
    assert relationship.document.url in client.get(second.get_absolute_url()).content.decode()
