import base64

import pytest

from kopa.surveys.models import Questionnaire, Response
from tests import factories
from tests.surveys.helpers import invited, needs, questionnaire

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_a_respondent_saves_and_submits_through_the_api(client):
    survey = questionnaire()
    invitation = invited(survey)
    url = f"/api/surveys/answer/{invitation.token}"
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="lt").json()
    assert form["questions"][0]["text"] == "Jūsų vaidmuo" and form["questions"][1]["show_if"] == "role:head"
    assert client.post(url, {"answers": {"role": "staff"}}, content_type="application/json").status_code == 200
    assert client.get(url).json()["draft"] == {"role": "staff"}
    bad = client.post(url, {"answers": {"role": "staff", "rank": ["it", "it"]}, "submit": True},
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "different answer" in bad.content.decode()
    good = {"role": "staff", "rank": ["it", "quality"]}
    assert client.post(url, {"answers": good, "submit": True}, content_type="application/json").status_code == 201
    again = client.post(url, {"answers": good, "submit": True}, content_type="application/json")
    assert again.status_code == 400 and Response.objects.count() == 1


def test_a_coordinator_creates_a_questionnaire_and_reads_results(client):
    project = factories.project()
    needs(project)
    coordinator = factories.programme_coordinator(project)
    payload = {"project": project.code, "title": {"lv": "Aptauja", "en": "Survey"}, "sections": [{
        "title": {"lv": "Vajadzības"}, "questions": [{
            "code": "rank", "kind": "ranking", "ranking_size": 1, "text": {"lv": "Svarīgākais"},
            "choices": [{"code": "it", "label": {"lv": "IT"}, "need": "it"},
                        {"code": "tourism", "label": {"lv": "Tūrisms"}, "need": "tourism"}]}]}]}
    response = client.post("/api/surveys/questionnaires", payload, content_type="application/json",
                           **_basic(coordinator))
    assert response.status_code == 201, response.content
    created = Questionnaire.objects.get(pk=response.json()["id"])
    assert created.sections.get().questions.get().choices.get(code="it").need.code == "it"
    outsider = factories.partner_coordinator(factories.organisation())
    assert client.post("/api/surveys/questionnaires", payload, content_type="application/json",
                       **_basic(outsider)).status_code == 403
    survey = questionnaire(project, anonymous=False)  # identified: figures at any size (see test_anonymity)
    assert client.get(f"/api/surveys/questionnaires/{survey.pk}/results", **_basic(outsider)).status_code == 403
    body = client.get(f"/api/surveys/questionnaires/{survey.pk}/results", **_basic(coordinator)).json()
    assert body["responses"] == 0 and {q["code"] for q in body["questions"]} >= {"role", "rank"}
