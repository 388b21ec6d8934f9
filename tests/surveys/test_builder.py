"""A coordinator builds a questionnaire in the pages, one question at a time."""

import pytest
from django.utils import translation

from kopa.surveys import services
from kopa.surveys.models import Question, Questionnaire
from tests import factories
from tests.surveys.helpers import invited, needs

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _in_english():
    """These tests read messages and labels in English (the suite starts each test in Latvian)."""
    with translation.override("en"):
        yield



def test_a_questionnaire_is_built_question_by_question(client):
    project = factories.project()
    needs(project)
    client.force_login(factories.programme_coordinator(project))
    response = client.post(f"/en/surveys/projects/{project.pk}/new/", {
        "title_lv": "Vajadzības", "title_lt": "Poreikiai", "purpose": "needs", "anonymous": "on"})
    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302 and questionnaire.anonymous and questionnaire.status == "draft"
    url = f"/en/surveys/{questionnaire.pk}/questions/"
    client.post(url, {"section_title_lv": "Par jums", "kind": "single", "text_lv": "Loma", "text_lt": "Vaidmuo",
                      "required": "on", "choices": "Vadītājs | Vadovas | Head\nSpeciālists | Specialistas"})
    role = Question.objects.get(code="loma")
    assert [(c.code, c.label_lt) for c in role.choices.all()] == [("vaditajs", "Vadovas"),
                                                                  ("specialists", "Specialistas")]
    client.post(url, {"section": role.section_id, "kind": "number", "text_lv": "Cik darbinieku?",
                      "show_if": "loma:vaditajs"})
    client.post(url, {"section_title_lv": "Vajadzības", "kind": "ranking", "text_lv": "Sakārtojiet",
                      "needs_as_choices": "on", "ranking_size": "2", "required": "on"})
    questions = list(Question.objects.order_by("section__position", "position"))
    assert [q.code for q in questions] == ["loma", "cik-darbinieku", "sakartojiet"]
    assert questions[1].show_if_choice.code == "vaditajs" and questions[1].section == questions[0].section
    assert {c.need.code for c in questions[2].choices.all()} == {"it", "quality", "tourism"}

    with translation.override("en"):
        html = client.post(url, {"section_title_lv": "X", "kind": "single", "text_lv": "Bez atbildēm"},
                           follow=True).content.decode()
    assert "List the answers to choose from." in html and Question.objects.count() == 3


def test_questions_cannot_change_once_answered():
    project = factories.project()
    questionnaire = services.create_questionnaire(titles={"lv": "A"}, project=project, sections=[{
        "title": {"lv": "S"}, "questions": [{"code": "q", "kind": "text", "text": {"lv": "Jautājums"}}]}])
    questionnaire = services.publish_questionnaire(questionnaire=questionnaire)
    services.submit(questionnaire=questionnaire, answers={"q": "Atbilde"}, invitation=invited(questionnaire))
    with pytest.raises(services.DomainError, match="already has answers"):
        services.add_question(questionnaire=questionnaire, section_titles={"lv": "Jauna"},
                              question={"code": "n", "kind": "text", "text": {"lv": "Jauns"}})
    with pytest.raises(services.DomainError, match="already has answers"):
        services.remove_question(question=Question.objects.get())
    assert Question.objects.count() == 1
