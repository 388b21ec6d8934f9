"""Two coordinators open the same edit page; the first saves. The second is refused, told what changed (what they
loaded and what it is now), keeps their input, and saves deliberately by submitting again."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from kopa.activities.models import Activity
from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """What a browser would send for the page's forms, as rendered."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self._add(name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self._add(name, value.removeprefix("\r\n").removeprefix("\n"))  # as a browser reads a textarea
            self._textarea = None


def _form(response) -> dict:
    assert response.status_code == 200
    parser = _Form()
    parser.feed(response.content.decode())
    return {name: values for name, values in parser.data.items() if name != "csrfmiddlewaretoken"}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_coordinators():
    project = factories.project(code="LLI-1")
    return project, _signed_in(factories.programme_coordinator(project)), \
        _signed_in(factories.programme_coordinator(project))


def test_the_second_save_of_an_activity_is_refused_with_what_changed_and_then_saves_on_purpose(two_coordinators):
    project, first, second = two_coordinators
    activity = factories.activity(project=project, title_lv="Apmācības", capacity=20)
    url = f"/en/activities/{activity.pk}/edit/"
    mine, theirs = _form(first.get(url)), _form(second.get(url))

    mine |= {"title_lv": ["Apmācības skolotājiem"], "capacity": ["30"]}
    assert first.post(url, mine).status_code == 302

    theirs |= {"description_lv": ["Mana rūpīgi rakstītā programma"]}
    response = second.post(url, theirs)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record while you were editing it." in html
    assert "Title (Latvian): you loaded “Apmācības”, it is now “Apmācības skolotājiem”." in html
    assert "Seats: you loaded “20”, it is now “30”." in html
    assert "Description (Latvian)" not in html.split("Someone else saved")[1].split("</div>")[0]  # not changed
    activity.refresh_from_db()
    assert (activity.title_lv, activity.capacity, activity.description_lv) == ("Apmācības skolotājiem", 30, "")

    again = _form(response)
    assert again["description_lv"] == ["Mana rūpīgi rakstītā programma"]  # nothing typed is lost
    assert again["loaded"] != theirs["loaded"]  # a fresh snapshot: saving again is a decision, taken knowingly
    assert second.post(url, again).status_code == 302
    activity.refresh_from_db()
    assert (activity.title_lv, activity.capacity, activity.description_lv) == (
        "Apmācības", 20, "Mana rūpīgi rakstītā programma")


def test_the_second_save_of_a_project_is_refused_with_what_changed_and_then_saves_on_purpose(two_coordinators):
    project, first, second = two_coordinators
    url = f"/en/projects/{project.pk}/edit/"
    mine, theirs = _form(first.get(url)), _form(second.get(url))

    mine |= {"project-acronym": ["SKOLA"], "project-end_date": ["2019-06-30"]}
    assert first.post(url, mine).status_code == 302

    theirs |= {"project-objective_lv": ["Labāka skola"]}
    response = second.post(url, theirs)
    html = response.content.decode()
    assert "Acronym: you loaded “empty”, it is now “SKOLA”." in html
    assert "you loaded “30/04/2019”, it is now “30/06/2019”." in html or \
        "you loaded “04/30/2019”, it is now “06/30/2019”." in html
    project.refresh_from_db()
    assert (project.acronym, str(project.end_date), project.objective_lv) == ("SKOLA", "2019-06-30", "")

    again = _form(response)
    assert again["project-objective_lv"] == ["Labāka skola"]
    assert second.post(url, again).status_code == 302
    project.refresh_from_db()
    assert (project.acronym, str(project.end_date), project.objective_lv) == ("", "2019-04-30", "Labāka skola")


def test_a_change_someone_else_made_that_the_save_repeats_is_no_conflict(two_coordinators):
    project, first, second = two_coordinators
    url = f"/en/projects/{project.pk}/edit/"
    mine, theirs = _form(first.get(url)), _form(second.get(url))
    assert first.post(url, mine | {"project-acronym": ["SKOLA"]}).status_code == 302
    # Nothing would be lost: the second typed the same acronym.
    assert second.post(url, theirs | {"project-acronym": ["SKOLA"], "project-objective_lv": ["Mērķis"]}) \
        .status_code == 302
    assert Project.objects.get(pk=project.pk).objective_lv == "Mērķis"


def test_a_tampered_snapshot_is_refused_with_a_message_and_nothing_is_saved(two_coordinators):
    project, first, _second = two_coordinators
    activity = factories.activity(project=project)
    url = f"/en/activities/{activity.pk}/edit/"
    data = _form(first.get(url))
    response = first.post(url, data | {"loaded": [data["loaded"][0][:-3] + "abc"], "title_lv": ["Cits"]})
    assert response.status_code == 200
    assert "This page was altered, or is too old to check" in response.content.decode()
    # A snapshot of another record is refused the same way.
    other = factories.activity(project=project)
    other_data = _form(first.get(f"/en/activities/{other.pk}/edit/"))
    response = first.post(url, data | {"loaded": other_data["loaded"], "title_lv": ["Cits"]})
    assert "This page was altered, or is too old to check" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title_lv == "Apmācības"
