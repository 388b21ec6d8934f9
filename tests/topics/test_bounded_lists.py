"""A topic page's sections list their latest 20 records with an "all N" link to a paginated page of them."""

from datetime import date

import pytest

from kopa.projects.models import Project
from tests.topics import builders

pytestmark = pytest.mark.django_db


def test_a_section_shows_twenty_and_links_to_a_page_of_all(client):
    topic = builders.topic(slug="udens", name_lv="Ūdens", name_en="Water")
    projects = Project.objects.bulk_create([
        Project(code=f"PRJ-{n:02d}", title_lv=f"Projekts {n:02d}", start_date=date(2000 + n, 1, 1))
        for n in range(23)])
    for project in projects:
        project.topics.add(topic)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "PRJ-03" in html and "PRJ-02" not in html
    assert '<a href="?section=projects">Visi 23 ieraksti →' in html
    every = client.get(topic.get_absolute_url(), {"section": "projects"}).content.decode()
    assert all(f"PRJ-{n:02d}" in every for n in range(23)) and "Kopā 23." in every
