"""Every public page of something a signed-in user may edit links to the page where they edit it; a visitor and a
participant (signed in, coordinating nothing) see no such link."""

import pytest
from django.test import Client

from kopa.activities import services as activities
from kopa.activities.models import WorkingGroup
from kopa.lean import services as lean
from kopa.publications import services as publications
from kopa.publications.models import Article
from tests import factories
from tests.surveys.helpers import questionnaire

pytestmark = pytest.mark.django_db


def _activity():
    project = factories.project()
    activity = factories.activity(project=project)
    return f"/en/activities/{activity.pk}/", f"/en/activities/{activity.pk}/edit/", \
        factories.programme_coordinator(project)


def _project():
    project = factories.project()
    return f"/en/projects/{project.pk}/", f"/en/projects/{project.pk}/edit/", factories.programme_coordinator(project)


def _programme():
    project = factories.project()
    code = project.programme.code
    return f"/en/projects/programmes/{code}/", f"/en/projects/programmes/{code}/edit/", \
        factories.programme_coordinator(project)


def _organisation():
    organisation = factories.organisation()
    return f"/en/organisations/{organisation.slug}/", f"/en/organisations/{organisation.slug}/edit/", \
        factories.partner_coordinator(organisation)


def _person():
    organisation = factories.organisation()
    person = factories.employee(organisation, publication_consent=True)
    return f"/en/people/{person.pk}/", f"/en/people/{person.pk}/edit/", factories.partner_coordinator(organisation)


def _municipality():
    municipality = factories.municipality()
    administration = factories.organisation(name="Novada dome", municipality=municipality)
    return f"/en/municipalities/{municipality.code}/", f"/en/municipalities/{municipality.code}/edit/", \
        factories.partner_coordinator(administration)


def _series():
    project = factories.project()
    series = activities.save_series(kind="course", name_lv="Kurss", project=project)
    return f"/en/activities/series/{series.slug}/", f"/en/activities/series/{series.slug}/edit/", \
        factories.programme_coordinator(project)


def _working_group():
    project = factories.project()
    group = WorkingGroup.objects.create(slug="turisms", project=project, name_lv="Tūrisma grupa", theme_lv="tūrisms")
    return f"/en/activities/working-groups/{group.slug}/", f"/en/activities/working-groups/{group.slug}/edit/", \
        factories.programme_coordinator(project)


def _article():
    project = factories.project()
    article = publications.publish(article=Article.objects.create(
        slug="jaunums", title_lv="Jaunums", title_en="News", body_lv="Teksts.", project=project))
    return f"/en/news/{article.slug}/", f"/en/news/{article.slug}/edit/", factories.programme_coordinator(project)


def _survey():
    project = factories.project()
    survey = questionnaire(project, open_link=True)
    return f"/en/surveys/open/{survey.open_token}/", f"/en/surveys/{survey.pk}/", \
        factories.programme_coordinator(project)


def _lean_service():
    organisation = factories.organisation()
    service_type = lean.save_service_type(code="building-permit", names={"lv": "Būvatļauja"})
    service = lean.save_service(organisation=organisation, service_type=service_type,
                                names={"lv": "Būvatļaujas izsniegšana"})
    return f"/en/lean/services/{service.pk}/", f"/en/lean/services/{service.pk}/map/", \
        factories.lean_team(organisation)


PAGES = {"activity": _activity, "project": _project, "programme": _programme, "organisation": _organisation,
         "person": _person, "municipality": _municipality, "series": _series, "working group": _working_group,
         "article": _article, "survey": _survey, "LEAN service": _lean_service}


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("page", list(PAGES))
def test_who_may_edit_sees_the_edit_link_and_it_opens_the_edit_page(page):
    public, edit, editor = PAGES[page]()
    client = Client()
    client.force_login(editor)
    assert f'href="{edit}"' in _html(client, public)
    target = public + edit if edit.startswith("#") else edit
    assert client.get(target).status_code == 200


@pytest.mark.parametrize("page", list(PAGES))
def test_a_visitor_and_a_participant_see_no_edit_link(page):
    public, edit, _editor = PAGES[page]()
    assert f'href="{edit}"' not in _html(Client(), public)
    participant = Client()
    participant.force_login(factories.user())
    assert f'href="{edit}"' not in _html(participant, public)


def test_a_coordinator_of_another_project_sees_no_link_to_edit_a_series():
    public, edit, _editor = _series()
    other = Client()
    other.force_login(factories.programme_coordinator(factories.project()))
    assert f'href="{edit}"' not in _html(other, public)
