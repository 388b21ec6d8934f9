"""A municipality's page lists its first 20 organisations and projects, an organisation's page its first 20
projects, with "all N" links to pages of each: a capital city had thousands of each, all on one page."""

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
