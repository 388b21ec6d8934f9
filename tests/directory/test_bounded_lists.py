"""A municipality's page lists its first 20 organisations and projects, an organisation's page its first 20
projects, with "all N" links to pages of each: a capital city had thousands of each, all on one page."""

import re
from datetime import date

import pytest
from django.urls import reverse

from kopa.directory.models import Organisation
from kopa.projects.models import Partnership, Project
from tests import factories

pytestmark = pytest.mark.django_db


def _municipality_with(count: int):
    municipality = factories.municipality(code="LV0001", name="Lielpilsēta")
    organisations = Organisation.objects.bulk_create([
        Organisation(slug=f"iestade-{n}", kind="municipal_administration", country=municipality.country,
                     municipality=municipality, name_lv=f"Iestāde {n:02d}", name_en=f"Body {n:02d}")
        for n in range(count)])
    projects = Project.objects.bulk_create([
        Project(code=f"PRJ-{n:02d}", title_lv=f"Projekts {n:02d}", start_date=date(2000 + n, 1, 1))
        for n in range(count)])
    Partnership.objects.bulk_create([
        Partnership(project=p, organisation=organisations[0], role=Partnership.Role.PARTNER) for p in projects])
    return municipality, organisations[0]


def test_the_municipality_page_shows_twenty_of_each_and_links_to_all(client):
    municipality, _organisation = _municipality_with(23)
    url = reverse("directory:municipality", args=[municipality.code])
    html = client.get(url).content.decode()
    assert "Iestāde 19" in html and "Iestāde 20" not in html
    assert "PRJ-03" in html and "PRJ-02" not in html  # newest first
    assert '<a href="?list=organisations">Visas 23 organizācijas →</a>' in html
    assert '<a href="?list=projects">Visi 23 projekti →</a>' in html
    organisations = client.get(url, {"list": "organisations"}).content.decode()
    assert all(f"Iestāde {n:02d}" in organisations for n in range(23))
    projects = client.get(url, {"list": "projects"}).content.decode()
    assert all(f"PRJ-{n:02d}" in projects for n in range(23))


def test_the_organisation_page_shows_twenty_projects_and_links_to_all(client):
    _municipality, organisation = _municipality_with(23)
    url = reverse("directory:organisation", args=[organisation.slug])
    html = client.get(url).content.decode()
    assert "PRJ-03" in html and "PRJ-02" not in html
    assert '<a href="?list=projects">Visi 23 projekti →</a>' in html
    every = client.get(url, {"list": "projects"}).content.decode()
    assert all(f"PRJ-{n:02d}" in every for n in range(23)) and "Kopā 23." in every


def test_small_pages_have_no_links(client):
    municipality, organisation = _municipality_with(3)
    assert "?list=" not in client.get(reverse("directory:municipality", args=[municipality.code])).content.decode()
    assert "?list=" not in client.get(reverse("directory:organisation", args=[organisation.slug])).content.decode()


def _organisation_with_people(count: int, consenting_every: int = 1):
    """An organisation with `count` people, every `consenting_every`-th of whom agreed to be named."""
    organisation = factories.organisation(name="Lielā iestāde")
    for n in range(count):
        factories.employee(organisation, first_name=f"Vārds{n:02d}", last_name=f"Uzvārds {n:02d}",
                           email=f"p{n}@example.lv", publication_consent=n % consenting_every == 0)
    return organisation


def test_the_organisation_page_shows_twenty_people_and_links_to_all_it_may_name(client):
    organisation = _organisation_with_people(50, consenting_every=2)  # 25 may be named to the public
    url = reverse("directory:organisation", args=[organisation.slug])
    html = client.get(url).content.decode()
    assert "Uzvārds 38" in html and "Uzvārds 40" not in html and "Uzvārds 01" not in html
    assert re.search(r'<a href="\?list=people">[^<]*\b25\b[^<]*→</a>', html)
    every = client.get(url, {"list": "people"})
    text = every.content.decode()
    assert all(f"Uzvārds {n:02d}" in text for n in range(0, 50, 2)) and "Uzvārds 01" not in text
    assert every.context["page"].paginator.count == 25 and "p0@example.lv" not in text  # no contacts for the public


def test_a_coordinator_of_a_partner_sees_all_its_people_with_contacts_on_the_page_of_all(client):
    organisation = _organisation_with_people(30, consenting_every=3)
    project = factories.project()
    from kopa.projects import services as project_services

    project_services.add_partner(project=project, role="lead_partner", organisation=organisation)
    client.force_login(factories.programme_coordinator(project))
    url = reverse("directory:organisation", args=[organisation.slug])
    html = client.get(url).content.decode()
    assert "p0@example.lv" in html and "p20@example.lv" not in html and "?list=people" in html
    every = client.get(url, {"list": "people"})
    assert every.context["page"].paginator.count == 30 and "p29@example.lv" in every.content.decode()


@pytest.mark.parametrize("people", [3, 60])
def test_the_organisation_page_and_its_people_page_run_pinned_queries_whatever_the_staff(client, people,
                                                                                        django_assert_num_queries):
    organisation = _organisation_with_people(people)
    url = reverse("directory:organisation", args=[organisation.slug])
    client.get(url), client.get(url, {"list": "people"})  # what is read once per process is read
    # The organisation and its departments, variants, relationships out and in, first partnerships; the first
    # people and their count; its sources (2).
    with django_assert_num_queries(10):
        client.get(url)
    # The organisation, the page of people and their count.
    with django_assert_num_queries(3):
        client.get(url, {"list": "people"})


def test_the_naming_filter_names_whom_may_name_names_for_every_kind_of_viewer():
    """`naming.nameable` is `may_name` in the database, not a second rule: for the public, a signed-in reader, the
    person who added some of them and a coordinator who may see contacts (None: may_name decides) alike."""
    from django.contrib.auth.models import AnonymousUser

    from kopa.directory.models import Person
    from kopa.directory.naming import may_name, nameable

    organisation = _organisation_with_people(6, consenting_every=3)
    adder = factories.user()
    Person.objects.filter(last_name__in=["Uzvārds 01", "Uzvārds 04"]).update(added_by=adder)
    coordinator = factories.partner_coordinator(organisation)
    people = list(Person.objects.filter(positions__organisation=organisation).order_by("pk"))
    for viewer in (None, AnonymousUser(), factories.user(), adder):
        named = nameable(viewer)
        assert named is not None
        in_database = list(Person.objects.filter(pk__in=[p.pk for p in people]).filter(named).order_by("pk"))
        assert in_database == [p for p in people if may_name(p, viewer)]
    assert nameable(coordinator) is None  # they may see contacts: may_name decides person by person
    assert len([p for p in people if may_name(p, coordinator)]) == 6


def test_an_organisation_with_a_hundred_departments_shows_twenty_and_links_to_all(client):
    from kopa.directory.models import Department

    ministry = factories.organisation(name="Vides aizsardzības un reģionālās attīstības ministrija")
    Department.objects.bulk_create([Department(organisation=ministry, name_lv=f"Nodaļa {n:03d}") for n in range(100)])
    url = reverse("directory:organisation", args=[ministry.slug])
    html = client.get(url).content.decode()
    assert "Nodaļa 019" in html and "Nodaļa 020" not in html  # by name
    assert '<a href="?list=departments">Visas 100 nodaļas →</a>' in html
    whole = client.get(url, {"list": "departments"})
    assert whole.context["page"].paginator.count == 100 and "Nodaļa 049" in whole.content.decode()


def test_an_association_lists_its_first_relationships_in_the_pages_order_with_all_of_them_a_page_at_a_time(client):
    from kopa.directory import queries
    from kopa.directory.models import Relationship

    association = factories.organisation(name="Latvijas Pašvaldību savienība")
    members = [factories.organisation(name=f"Novads {n:02d}") for n in range(24)]
    for n, member in enumerate(members):  # members of it (read from its side: "has as member"), some dated
        Relationship.objects.create(first=member, second=association, kind=Relationship.Kind.MEMBERSHIP,
                                    start_date=date(2000 + n % 5, 1, 1) if n % 3 else None,
                                    signed_on=date(1999, 6, 1) if n % 4 == 0 else None)
    abroad = factories.organisation(name="Lietuvos savivaldybių asociacija", country_code="LT")
    Relationship.objects.create(first=association, second=abroad, kind=Relationship.Kind.COOPERATION,
                                signed_on=date(2005, 3, 1))

    rows = queries.relationship_rows(association, queries.organisation_relationships(association))
    # By kind, then the start or else the signing date (undated first), read from the association's side.
    expected = sorted(Relationship.objects.all(), key=lambda r: (r.kind, r.start_date or r.signed_on or date.min, r.pk))
    assert [r.pk for r, _other, _reads in rows] == [r.pk for r in expected]
    assert {(other.pk, reads) for r, other, reads in rows if r.kind == "membership"} == {
        (m.pk, "tās biedrs ir") for m in members}
    assert rows[0][1] == abroad

    url = reverse("directory:organisation", args=[association.slug])
    html = client.get(url).content.decode()
    assert html.count("Novads ") == 20 - 1 and "Lietuvos savivaldybių asociacija" in html  # cooperation comes first
    assert '<a href="?list=relationships">Visas 25 attiecības →</a>' in html
    whole = client.get(url, {"list": "relationships"})
    assert whole.context["page"].paginator.count == 25 and whole.content.decode().count("Novads ") == 24
