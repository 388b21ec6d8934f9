"""The organiser's template editor: placeholders checked on the page, a saved wording is what registrants get,
a preview with the real activity and registrant that saves nothing, back to the default, and only organisers."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopa.activities import notices
from kopa.activities import services as activities
from kopa.core.dates import stated_dates_text
from kopa.messaging import compose, previews, services
from kopa.messaging.models import Message, MessageTemplate
from kopa.messaging.template_services import reset_template
from kopa.messaging.template_views import EDITABLE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project, title_lv="Pieredzes apmaiņa Utenā", start_date=date(2031, 5, 29),
                                  end_date=date(2031, 5, 30), venue_lv="Utena, Aušros g. 5")
    client = Client()
    client.force_login(coordinator)
    return project, coordinator, activity, client


def _url(activity, code="registration_confirmed"):
    return f"/lv/messages/activities/{activity.pk}/templates/{code}/"


def _fields(**given):
    data = {f"{part}_{code}": "" for part in ("subject", "body") for code in ("lv", "lt", "en")}
    return data | given


def test_an_unknown_placeholder_is_refused_in_latvian_on_the_field_and_nothing_is_saved(setting):
    _project, _coordinator, activity, client = setting
    response = client.post(_url(activity), _fields(subject_lv="Sveiki, {vards}", save="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nezināms aizstājējs {vards}" in page
    assert 'id="id_subject_lv_error"' in page  # on the field at fault
    assert not MessageTemplate.objects.exists()
    # The typed preview is refused the same way, and saves nothing either.
    response = client.post(_url(activity), _fields(body_en="{oops}", preview="1", preview_language="en"))
    assert "Nezināms aizstājējs {oops}" in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_the_saved_lithuanian_wording_is_what_a_lithuanian_registrant_receives(setting):
    _project, _coordinator, activity, client = setting
    response = client.post(_url(activity), _fields(subject_lt="Jūsų vieta patvirtinta: {activity}",
                                                   body_lt="Sveiki, {name}!", save="1"))
    assert response.status_code == 302
    organisation = factories.organisation()
    lithuanian = factories.employee(organisation, first_name="Rūta", last_name="Petraitė", language="lt",
                                    email="ruta@example.org")
    latvian = factories.employee(organisation, first_name="Ilze", last_name="Ozola", email="ilze@example.org")
    activities.register(activity=activity, person=lithuanian)
    activities.register(activity=activity, person=latvian)
    with translation.override("lt"):
        title = str(activity.title)
    told = Message.objects.get(person=lithuanian, kind="registration_confirmed")
    assert told.language == "lt" and told.subject == f"Jūsų vieta patvirtinta: {title}"
    assert told.body_text.startswith("Sveiki, Rūta Petraitė!")
    # A Latvian registrant still gets the default wording: no Latvian text was written.
    default = compose.build("registration_confirmed", person=latvian, template=None,
                             context=lambda: notices.activity_values(activity))
    assert Message.objects.get(person=latvian, kind="registration_confirmed").subject == default.subject
    assert "Pieredzes apmaiņa Utenā" in default.subject


def test_the_preview_shows_the_real_activity_and_registrant_and_saves_no_message(setting):
    _project, _coordinator, activity, client = setting
    organisation = factories.organisation()
    cancelled = factories.employee(organisation, first_name="Agris", last_name="Vēlais")
    confirmed = factories.employee(organisation, first_name="Ieva", last_name="Kalna")
    activities.cancel(registration=activities.register(activity=activity, person=cancelled))
    activities.register(activity=activity, person=confirmed)  # the first confirmed, though not the first
    before = Message.objects.count()
    with translation.override("lv"):
        dates = stated_dates_text(activity, short=False)
    page = client.get(_url(activity)).content.decode()
    assert "Pieredzes apmaiņa Utenā" in page and dates in page and "Utena, Aušros g. 5" in page
    assert "Ieva Kalna" in page and "Agris Vēlais" not in page
    # What is typed, before saving it, in the language asked for.
    response = client.post(_url(activity, "seat_offered"), _fields(
        subject_en="Hello {name}: {activity}", body_en="Until {deadline}: {accept_link}", preview="1",
        preview_language="en"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hello Ieva Kalna: Pieredzes apmaiņa Utenā" in page and "/offer/" in page
    assert Message.objects.count() == before
    assert not MessageTemplate.objects.exists()


def test_the_preview_function_in_another_language_and_for_a_project(setting):
    project, _coordinator, activity, _client = setting
    person = factories.employee(factories.organisation(), first_name="Jonas", last_name="Jonaitis")
    activities.register(activity=activity, person=person)
    before = Message.objects.count()
    message = previews.preview("reminder", activity=activity, language="lt")
    assert message.pk is None and message.language == "lt" and message.to_name == "Jonas Jonaitis"
    assert "{" not in message.subject + message.body_text  # every placeholder filled
    for_project = previews.preview("registration_waitlisted", project=project, language="en")
    assert for_project.to_name == "Jonas Jonaitis" and "Pieredzes apmaiņa Utenā" in for_project.body_text
    empty = previews.preview("certificate_ready", project=factories.project(), language="en")
    assert empty.pk is None and "{" not in empty.body_text
    assert Message.objects.count() == before


def test_going_back_to_the_default(setting):
    _project, coordinator, activity, client = setting
    services.save_template(code="registration_confirmed", by=coordinator, activity=activity,
                           subjects={"lv": "Savs teksts: {activity}"}, bodies={})
    rows = dict((kind.code, state) for kind, state in
                client.get(f"/lv/messages/activities/{activity.pk}/templates/").context["rows"])
    assert rows["registration_confirmed"] == "own" and rows["reminder"] == "default"
    assert "Savs teksts" in client.get(_url(activity)).content.decode()  # the preview of the saved wording
    response = client.post(_url(activity), {"reset": "1"})
    assert response.status_code == 302
    assert not MessageTemplate.objects.filter(activity=activity).exists()
    person = factories.employee(factories.organisation(), email="x@example.org")
    message = compose.build("registration_confirmed", person=person, activity=activity,
                             context={"activity": "A"})
    assert message.subject == compose.build("registration_confirmed", person=person, context={"activity": "A"},
                                             template=None).subject
    assert "Savs teksts" not in message.subject
    assert reset_template(code="registration_confirmed", by=coordinator, activity=activity) is False


def test_the_project_editor_saves_for_the_project_and_the_activity_inherits_it(setting):
    project, coordinator, activity, client = setting
    url = f"/lv/messages/projects/{project.pk}/templates/registration_received/"
    assert client.get(url).status_code == 200
    assert client.post(url, _fields(subject_lv="Projekta teksts: {activity}", save="1")).status_code == 302
    assert MessageTemplate.objects.get(project=project).subject_lv == "Projekta teksts: {activity}"
    rows = dict((kind.code, state) for kind, state in
                client.get(f"/lv/messages/activities/{activity.pk}/templates/").context["rows"])
    assert rows["registration_received"] == "project" and rows["registration_confirmed"] == "default"
    assert "Projekta teksts" in client.get(_url(activity, "registration_received")).content.decode()
    # The organisers' links: on the project page and on the activity's Messages page.
    project_page = client.get(f"/lv/projects/{project.pk}/").content.decode()
    assert f"/lv/messages/projects/{project.pk}/templates/" in project_page
    assert f"/lv/messages/activities/{activity.pk}/templates/" in client.get(
        f"/lv/messages/activities/{activity.pk}/").content.decode()


def test_outsiders_are_refused_both_editors(setting):
    project, _coordinator, activity, _client = setting
    outsider = Client()
    outsider.force_login(factories.user())
    for url in (f"/lv/messages/activities/{activity.pk}/templates/", _url(activity),
                f"/lv/messages/projects/{project.pk}/templates/",
                f"/lv/messages/projects/{project.pk}/templates/registration_confirmed/"):
        assert outsider.get(url).status_code == 403, url
        assert outsider.post(url, _fields(subject_lv="X", save="1")).status_code == 403, url
        assert outsider.post(url, {"reset": "1"}).status_code == 403, url
    assert not MessageTemplate.objects.exists()
    assert f"/lv/messages/projects/{project.pk}/templates/" not in outsider.get(
        f"/lv/projects/{project.pk}/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_template_lists_run_the_same_queries_with_few_or_many_templates(setting):
    project, coordinator, activity, client = setting
    counts = []
    for kinds in (EDITABLE[:2], EDITABLE):
        for kind in kinds:
            for where in ({"activity": activity}, {"project": project}):
                services.save_template(code=kind.code, by=coordinator, subjects={"lv": "S"}, bodies={}, **where)
        counts.append((_queries(client, f"/lv/messages/activities/{activity.pk}/templates/"),
                       _queries(client, f"/lv/messages/projects/{project.pk}/templates/")))
    assert counts[0] == counts[1], counts
