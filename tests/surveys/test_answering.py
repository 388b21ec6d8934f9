"""Answering: conditions, rankings, drafts, one answer per link, closing dates, anonymity."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from kopa.core.errors import DomainError
from kopa.surveys import services
from kopa.surveys.models import Answer, Invitation, Questionnaire, Response
from tests import factories
from tests.surveys.helpers import invited, questionnaire

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _in_english():
    """These tests read messages and labels in English (the suite starts each test in Latvian)."""
    with translation.override("en"):
        yield


GOOD = {"role": "head", "team": "12", "rank": ["quality", "it"], "topics": ["lean"], "satisfied": 4,
        "comment": "Vairāk apmācību"}


def test_an_invitation_mails_a_personal_link_and_answers_once(django_capture_on_commit_callbacks):
    survey = questionnaire()
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves once the invitation is saved
        invitation = invited(survey)
    assert len(mail.outbox) == 1 and str(invitation.token) in mail.outbox[0].body
    services.submit(questionnaire=survey, answers=GOOD, invitation=invitation)
    with pytest.raises(DomainError, match="already been used"):
        services.submit(questionnaire=survey, answers=GOOD, invitation=invitation)
    assert Response.objects.count() == 1


def test_anonymous_responses_keep_no_link_to_the_person():
    survey = questionnaire(anonymous=True)
    invitation = invited(survey)
    response = services.submit(questionnaire=survey, answers=GOOD, invitation=invitation)
    assert response.person_id is None and response.invitation_id is None
    # Where from only as far as the municipality: an organisation narrows it to a handful of people.
    assert response.organisation_id is None and response.municipality_id == invitation.organisation.municipality_id
    invitation.refresh_from_db()
    assert invitation.answered_at is not None and invitation.draft == {}
    with connection.cursor() as cursor:  # nothing in the response's own table names the person
        cursor.execute("SELECT person_id, invitation_id FROM surveys_response WHERE id = %s", [response.pk])
        assert cursor.fetchone() == (None, None)


def test_identified_responses_name_the_person():
    survey = questionnaire(anonymous=False)
    invitation = invited(survey)
    response = services.submit(questionnaire=survey, answers=GOOD, invitation=invitation)
    assert response.person == invitation.person and response.invitation == invitation


def test_a_draft_is_kept_and_the_condition_hides_a_question():
    survey = questionnaire()
    invitation = invited(survey)
    services.save_draft(invitation=invitation, answers={"role": "staff", "team": "5", "rank": ["it"]})
    invitation.refresh_from_db()
    assert invitation.draft == {"role": "staff", "rank": ["it"]}  # "team" is asked of heads only
    services.submit(questionnaire=survey, answers={**invitation.draft, "rank": ["it", "tourism"]},
                    invitation=invitation)
    assert not Answer.objects.filter(question__code="team").exists()


@pytest.mark.parametrize(("answers", "message"), [
    ({**GOOD, "role": ""}, "Please answer"),
    ({**GOOD, "rank": ["it", "it"]}, "different answer"),
    ({**GOOD, "rank": ["it"]}, "rank 2 answers"),
    ({**GOOD, "role": "boss"}, "not one of its choices"),
    ({**GOOD, "team": "daudz"}, "write a number"),
    ({**GOOD, "satisfied": 9}, "not one of its choices"),
])
def test_bad_answers_are_refused_and_nothing_is_saved(answers, message):
    survey = questionnaire()
    invitation = invited(survey)
    with pytest.raises(DomainError, match=message):
        services.submit(questionnaire=survey, answers=answers, invitation=invitation)
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).answered_at is None


def test_an_answer_after_closing_is_refused():
    survey = questionnaire()
    invitation = invited(survey)
    Questionnaire.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(DomainError, match="closed"):
        services.submit(questionnaire=survey, answers=GOOD, invitation=invitation)
    assert not Response.objects.exists()


def test_a_questionnaire_with_answers_is_not_edited_but_versioned():
    survey = questionnaire()
    services.submit(questionnaire=survey, answers=GOOD, invitation=invited(survey))
    structure = services.structure_of(survey)
    structure[0]["questions"][0]["text"]["en"] = "Your position"
    with pytest.raises(DomainError, match="cannot be changed"):
        services.replace_structure(questionnaire=survey, sections=structure)
    assert survey.sections.first().questions.first().text_en == "Your role"
    copy = services.new_version(questionnaire=survey)
    services.replace_structure(questionnaire=copy, sections=structure)
    survey.refresh_from_db()
    assert copy.version == 2 and copy.previous == survey and survey.status == "closed"
    assert copy.sections.first().questions.first().text_en == "Your position"
    assert Response.objects.get().answers.count() == 7  # the old answers stay with the old version


def test_reminders_go_only_to_those_who_have_not_answered(django_capture_on_commit_callbacks):
    survey = questionnaire()
    answered = invited(survey, email="a@example.lv")
    waiting = invited(survey, email="b@example.lv")
    services.submit(questionnaire=survey, answers=GOOD, invitation=answered)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(questionnaire=survey) == 1
    assert mail.outbox[0].to == [f"{waiting.person} <b@example.lv>"] and str(waiting.token) in mail.outbox[0].body


def test_someone_without_rights_cannot_run_the_survey():
    survey = questionnaire()
    outsider = factories.partner_coordinator(factories.organisation())
    with pytest.raises(DomainError):
        services.send_reminders(questionnaire=survey, by=outsider)
    with pytest.raises(DomainError):
        services.create_questionnaire(titles={"lv": "X"}, sections=[], project=survey.project, by=outsider)
