"""The news and activity lists name a project or a municipality by typing it (a picker), not from a list of them
all: the page does not grow with the directory, and a link with a code or a typed name filters the same way."""

import pytest

from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_news_and_activity_filters_list_no_projects_or_municipalities_and_typed_names_filter(client):
    project = factories.project(code="PICK-1", title_en="Picked project")
    for n in range(30):
        factories.project(code=f"OTHER-{n}", title_en=f"Other project {n}")
    municipality = factories.municipality(code="0990000", name="Pārbaudes novads")
    for path in ("/en/news/", "/en/activities/"):
        page = client.get(path).content.decode()
        assert "Other project 7" not in page  # no <option> per project
        assert 'data-picker="' in page
    assert client.get("/en/news/", {"project": "PICK-1"}).context["form"].cleaned_data["project"] == project
    typed = client.get("/en/news/", {"project": "Picked project"}).context["form"]
    assert typed.is_valid() and typed.cleaned_data["project"] == project
    assert client.get("/en/news/", {"municipality": municipality.code}).context["form"].cleaned_data[
        "municipality"] == municipality
    activities = client.get("/en/activities/", {"project": "Picked project"}).context["form"]
    assert activities.cleaned_data["project"] == project
    wrong = client.get("/en/news/", {"project": "No such project"}).context["form"]
    assert not wrong.is_valid() and "project" in wrong.errors
    assert Project.objects.count() > 30
