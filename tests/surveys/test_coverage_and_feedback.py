"""Coverage of the LLI-59 needs, and feedback forms sent to those who attended when an activity closes."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from kopa.activities import services as activity_services
from kopa.activities.models import Activity
from kopa.projects.models import Project
from kopa.surveys import results, services
from kopa.surveys.models import Need, Questionnaire
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_need_without_activity_is_listed_until_an_activity_answers_it(demo, client):
    project = Project.objects.get(code="LLI-59")
    html = client.get(f"/en/surveys/projects/{project.pk}/needs/").content.decode()
    uncovered = html[html.index('class="uncovered"'):html.index("</ul>", html.index('class="uncovered"'))]
    assert "Information technology" in uncovered and "Tourism" not in uncovered

    client.force_login(get_user_model().objects.get(username="coordinator"))
    it = Need.objects.get(project=project, code="it")
    exchange = Activity.objects.get(project=project, start_date="2018-06-12")
    client.post(f"/en/surveys/needs/{it.pk}/link/", {"activity": exchange.pk, "action": "link"})
    with translation.override("en"):
        assert "Information technology" not in [str(row["need"]) for row in results.coverage(project)["uncovered"]]


def test_the_demo_survey_ranks_the_needs_from_the_17_municipalities(demo):
    # The needs survey (the demo also runs a feedback survey on a recent meeting of the same project).
    questionnaire = Questionnaire.objects.get(project__code="LLI-59", sample=True, purpose=Questionnaire.Purpose.NEEDS)
    assert questionnaire.responses.values("municipality").distinct().count() == 17
    assert all(response.sample for response in questionnaire.responses.all())
    ranking = results.need_ranking(questionnaire)
    assert len(ranking) == 7 and ranking[0]["points"] >= ranking[-1]["points"]


def test_only_the_coordinator_links_needs(demo, client):
    it = Need.objects.get(project__code="LLI-59", code="it")
    client.force_login(factories.partner_coordinator(factories.organisation()))
    response = client.post(f"/en/surveys/needs/{it.pk}/link/",
                           {"activity": Activity.objects.filter(project=it.project).first().pk, "action": "link"})
    assert response.status_code == 403 and not it.activities.exists()


def test_closing_an_activity_sends_its_feedback_form_to_those_who_attended(django_capture_on_commit_callbacks):
    activity = factories.activity(status="open")
    organisation = factories.organisation()
    came = factories.employee(organisation, email="came@example.lv")
    absent = factories.employee(organisation, email="absent@example.lv")
    registrations = {person: activity_services.register(activity=activity, person=person, organisation=organisation)
                     for person in (came, absent)}
    activity_services.check_in(registration=registrations[came])
    feedback = services.create_questionnaire(
        titles={"lv": "Atsauksmes", "en": "Feedback"}, activity=activity, purpose="feedback",
        sections=[{"title": {"lv": "Vērtējums", "en": "Rating"}, "questions": [
            {"code": "useful", "kind": "likert", "text": {"lv": "Noderīgi", "en": "Useful"}}]}])
    services.publish_questionnaire(questionnaire=feedback)
    with django_capture_on_commit_callbacks(execute=True):
        activity_services.close_activity(activity=activity)
    assert [m.to for m in mail.outbox] == [[f"{came} <came@example.lv>"]]
    assert list(feedback.invitations.values_list("person", flat=True)) == [came.pk]
