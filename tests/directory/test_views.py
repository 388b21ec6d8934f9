from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.directory import services
from kopa.directory.models import Municipality
from kopa.projects import services as project_services
from tests import factories

pytestmark = pytest.mark.django_db


def _org_with_employee():
    organisation = factories.organisation()
    person = services.save_person(
        first_name="Ilze", last_name="Ozola", email="ilze.ozola@example.lv", publication_consent=True
    )
    services.save_position(person=person, organisation=organisation, titles={"lv": "Speciāliste", "en": "Specialist"})
    return organisation, person


def test_an_anonymous_visitor_never_sees_email_addresses(client):
    organisation, _person = _org_with_employee()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Ilze Ozola" in html
    assert "ilze.ozola@example.lv" not in html
    api = client.get(f"/api/organisations/{organisation.slug}").content.decode()
    assert "example.lv" not in api


def test_the_partner_coordinator_of_the_organisation_sees_its_employees_email(client):
    organisation, _person = _org_with_employee()
    client.force_login(factories.partner_coordinator(organisation))
    assert "ilze.ozola@example.lv" in client.get(organisation.get_absolute_url()).content.decode()


def test_a_coordinator_of_another_organisation_does_not_see_the_email(client):
    organisation, _person = _org_with_employee()
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert "ilze.ozola@example.lv" not in client.get(organisation.get_absolute_url()).content.decode()


def test_a_partner_coordinator_cannot_edit_another_organisation(client):
    own, other = factories.organisation(), factories.organisation()
    coordinator = factories.partner_coordinator(own)
    client.force_login(coordinator)
    edit_other = reverse("directory:organisation_edit", args=[other.slug])
    assert client.get(edit_other).status_code == 403
    response = client.post(
        edit_other,
        {
            "name_lv": "Pārņemts",
            "name_lt": "",
            "name_en": "",
            "short_name": "",
            "website": "",
            "description_lv": "",
            "description_lt": "",
            "description_en": "",
        },
    )
    assert response.status_code == 403
    response = client.patch(
        f"/api/organisations/{other.slug}", {"name_lv": "Pārņemts"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    with pytest.raises(PermissionDenied):
        services.update_organisation(organisation=other, by=coordinator, name_lv="Pārņemts")
    other.refresh_from_db()
    assert other.name_lv != "Pārņemts"


def test_a_partner_coordinator_edits_their_own_organisation(client):
    own = factories.organisation()
    client.force_login(factories.partner_coordinator(own))
    response = client.post(
        reverse("directory:organisation_edit", args=[own.slug]),
        {
            "name_lv": "Balvu novada pašvaldība",
            "name_lt": "Balvų savivaldybė",
            "name_en": "Balvi Municipality",
            "short_name": "",
            "website": "https://www.balvi.lv",
            "description_lv": "",
            "description_lt": "",
            "description_en": "",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name_lt == "Balvų savivaldybė"


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    own = factories.organisation()
    response = client.get(reverse("directory:organisation_edit", args=[own.slug]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_duplicate_municipality_code_is_refused_with_a_translated_message():
    factories.municipality(code="0050000", name="Daugavpils")
    for language, words in (("en", "already exists"), ("lv", "jau pastāv"), ("lt", "jau yra")):
        with translation.override(language), pytest.raises(DomainError) as error:
            services.save_municipality(
                code="0050000", country=factories.country(), kind="republic_city", names={"lv": "Cita"}, update=False
            )
        assert words in str(error.value) and "0050000" in str(error.value)
        assert error.value.field == "code"
    assert Municipality.objects.get(code="0050000").name_lv == "Daugavpils"
    assert Municipality.objects.count() == 1


def test_municipality_list_filters_and_paginates(client, settings):
    settings.KOPA_PAGE_SIZE = 5
    for n in range(12):
        factories.municipality(name=f"Novads {n:02d}")
    factories.municipality(name="Utenos rajono savivaldybė", country_code="LT")
    page1 = client.get(reverse("directory:municipalities")).content.decode()
    assert "Novads 00" in page1 and "Novads 05" not in page1
    page2 = client.get(reverse("directory:municipalities") + "?page=2").content.decode()
    assert "Novads 05" in page2
    only_lt = client.get(reverse("directory:municipalities") + "?country=LT").content.decode()
    assert "Utenos" in only_lt and "Novads 00" not in only_lt
    text = client.get(reverse("directory:municipalities") + "?q=Novads+11").content.decode()
    assert "Novads 11" in text and "Novads 10" not in text


def test_the_edit_link_is_shown_only_to_those_who_may_edit(client):
    own, other = factories.organisation(), factories.organisation()
    client.force_login(factories.partner_coordinator(own))
    assert (
        reverse("directory:organisation_edit", args=[own.slug]) in client.get(own.get_absolute_url()).content.decode()
    )
    assert (
        reverse("directory:organisation_edit", args=[other.slug])
        not in client.get(other.get_absolute_url()).content.decode()
    )


def test_a_javascript_link_cannot_be_saved_as_a_website():
    own = factories.organisation()
    coordinator = factories.partner_coordinator(own)
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.update_organisation(organisation=own, by=coordinator, website="javascript:alert(1)")
    assert error.value.field == "website" and "https://" in str(error.value)
    own.refresh_from_db()
    assert own.website == ""


def test_people_who_did_not_agree_to_be_named_are_not_listed_publicly(client):
    organisation = factories.organisation()
    private = services.save_person(first_name="Anna", last_name="Privāta", publication_consent=False)
    services.save_position(person=private, organisation=organisation, titles={"lv": "Speciāliste"})
    assert "Privāta" not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(factories.partner_coordinator(organisation))
    assert "Privāta" in client.get(organisation.get_absolute_url()).content.decode()


def _municipality_with_history(figures: int, predecessors: int):
    new = factories.municipality(name="Jaunais novads")
    for year in range(figures):
        services.record_population(municipality=new, value=1000 + year, source="CSB", on_date=date(2000 + year, 1, 1))
    project = factories.project()
    for n in range(predecessors):
        old = factories.municipality(name=f"Vecais {n}")
        services.record_succession(predecessor=old, successor=new, on_date=date(2021, 7, 1))
        project_services.add_partner(
            project=project,
            role="associated" if n else "lead_partner",
            organisation=factories.organisation(municipality=old),
        )
    return new, project


def test_a_municipality_formed_in_a_reform_shows_the_projects_of_its_predecessors(client):
    new, project = _municipality_with_history(figures=2, predecessors=2)
    html = client.get(new.get_absolute_url()).content.decode()
    assert project.code in html and "Vecais 0" in html and "Vecais 1" in html


def test_the_municipality_page_runs_the_same_queries_whatever_its_history(client):
    counts = []
    for figures, predecessors in ((1, 1), (30, 12)):
        municipality, _project = _municipality_with_history(figures, predecessors)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(municipality.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_organisation_page_runs_the_same_queries_with_1_or_40_people(client):
    counts = []
    for people in (1, 40):
        organisation = factories.organisation()
        project = factories.project()
        project_services.add_partner(project=project, role="lead_partner", organisation=organisation)
        for n in range(people):
            person = services.save_person(
                first_name="Vārds", last_name=f"Uzvārds {n}", email=f"p{n}@example.lv", publication_consent=bool(n % 2)
            )
            services.save_position(person=person, organisation=organisation, titles={"lv": "Speciālists"})
        client.force_login(factories.programme_coordinator(project))
        with CaptureQueriesContext(connection) as captured:
            html = client.get(organisation.get_absolute_url()).content.decode()
        assert "p0@example.lv" in html  # the coordinator of a project it takes part in sees contacts
        counts.append(len(captured))
    assert counts[0] == counts[1]
