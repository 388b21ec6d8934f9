"""The project page lists the first 20 partners, activities and outputs, with "all N" links to pages of each:
a project with thousands of partners or activities was all on one page."""

from datetime import date

import pytest
from django.urls import reverse

from kopa.activities.models import Activity
from kopa.directory.models import Organisation
from kopa.projects.models import Output, Partnership
from tests import factories

pytestmark = pytest.mark.django_db


def _big_project(count: int):
    project = factories.project()
    country = factories.country()
    organisations = Organisation.objects.bulk_create([
        Organisation(slug=f"partnere-{n}", kind="municipal_administration", country=country,
                     name_lv=f"Partnere {n:02d}", name_en=f"Partner {n:02d}") for n in range(count)])
    Partnership.objects.bulk_create([
        Partnership(project=project, organisation=o, role=Partnership.Role.PARTNER) for o in organisations])
    Activity.objects.bulk_create([
        Activity(project=project, kind="training", title_lv=f"Apmācība {n:02d}", status="open",
                 start_date=date(2020, 1, 1 + n), end_date=date(2020, 1, 1 + n)) for n in range(count)])
    Output.objects.bulk_create([
        Output(project=project, kind=Output.Kind.choices[0][0], title_lv=f"Iznākums {n:02d}",
               start_date=date(2020, 1, 1 + n)) for n in range(count)])
    return project


def test_the_project_page_shows_twenty_of_each_and_links_to_all(client):
    project = _big_project(23)
    html = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "Partnere 19" in html and "Partnere 20" not in html
    assert "Apmācība 19" in html and "Apmācība 20" not in html
    assert "Iznākums 19" in html and "Iznākums 20" not in html
    assert '<a href="?list=partners">Visi 23 partneri →</a>' in html
    assert '<a href="?list=activities">Visi 23 pasākumi →</a>' in html
    assert '<a href="?list=outputs">Visi 23 iznākumi →</a>' in html


def test_a_small_project_has_no_links_to_all():
    project = _big_project(3)
    from django.test import Client

    html = Client().get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "?list=" not in html


@pytest.mark.parametrize(("which", "name"), [("partners", "Partnere"), ("activities", "Apmācība"),
                                             ("outputs", "Iznākums")])
def test_the_pages_of_all_list_every_one(client, which, name):
    project = _big_project(23)
    url = reverse("projects:project", args=[project.pk])
    html = client.get(url, {"list": which}).content.decode()
    assert all(f"{name} {n:02d}" in html for n in range(23))
    assert "Kopā 23." in html
