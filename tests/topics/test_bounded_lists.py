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


def _topic_with_narrower(count: int):
    broad = builders.topic(slug="plasa-tema", name_lv="Plaša tēma", name_en="A broad topic")
    for n in range(count):
        builders.topic(slug=f"apakstema-{n:02d}", name_lv=f"Apakštēma {n:02d}", name_en=f"Subtopic {n:02d}",
                       parent=broad)
    return broad


def test_a_topic_names_twenty_narrower_topics_and_links_to_a_page_of_all(client):
    broad = _topic_with_narrower(23)
    html = client.get(broad.get_absolute_url()).content.decode()
    assert "Apakštēma 19" in html and "Apakštēma 20" not in html
    assert '<a href="?narrower=all">' in html
    every = client.get(broad.get_absolute_url(), {"narrower": "all"})
    assert all(f"Apakštēma {n:02d}" in every.content.decode() for n in range(23))
    assert every.context["page"].paginator.count == 23
    assert "?narrower=all" not in client.get(_topic_with_narrower_small().get_absolute_url()).content.decode()


def _topic_with_narrower_small():
    small = builders.topic(slug="maza-tema", name_lv="Maza tēma", name_en="A small topic")
    builders.topic(slug="maza-apakstema", name_lv="Maza apakštēma", name_en="A small subtopic", parent=small)
    return small


@pytest.mark.parametrize("narrower", [2, 45])
def test_a_topic_page_and_its_narrower_page_run_pinned_queries(client, narrower, django_assert_num_queries):
    broad = _topic_with_narrower(narrower)
    url = broad.get_absolute_url()
    client.get(url), client.get(url, {"narrower": "all"})
    with django_assert_num_queries(11):  # as tests/topics/test_query_counts.py pins it for the demo's topic
        client.get(url)
    with django_assert_num_queries(3):  # the topic with its count, the page of narrower topics and their count
        client.get(url, {"narrower": "all"})


def test_the_topic_list_names_ten_narrower_topics_of_each_and_links_to_the_rest(client):
    broad = _topic_with_narrower(14)
    html = client.get("/lv/topics/", {"q": "Plaša"}).content.decode()
    assert "Apakštēma 09" in html and "Apakštēma 10" not in html
    assert f'href="{broad.get_absolute_url()}?narrower=all"' in html
