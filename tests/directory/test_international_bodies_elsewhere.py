"""An international body has no single country: the pages, the API and the services that read an organisation's
country (project partners, survey responses, a LEAN log in working hours) take it as it is, never an error."""

import pytest

from kopa.directory.services.additions import add_organisation
from kopa.projects import services as project_services
from kopa.surveys.models import Response
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission():
    coordinator = factories.programme_coordinator(factories.project(code="INT-0"))
    return add_organisation(by=coordinator, names={"en": "European Commission"}, kind="international",
                            country="", confirm_new=True)


def test_an_international_partner_is_listed_with_no_country(client, commission):
    project = factories.project(code="INT-1")
    project_services.add_partner(project=project, organisation=commission, role="partner")
    assert commission.country is None
    partners = client.get(f"/api/projects/{project.pk}").json()["partners"]
    assert [(p["name"], p["country"]) for p in partners if p["organisation"] == commission.slug] == [
        ("European Commission", None)]
    page = client.get("/en/projects/").content.decode()
    assert "INT-1" in page and "None" not in page.split("INT-1", 1)[1][:2000]


def test_a_survey_answer_from_an_international_body_has_no_country(commission):
    from kopa.surveys import services as survey_services
    from tests.surveys.helpers import questionnaire

    survey = questionnaire(open_link=True, anonymous=False)  # an anonymous answer keeps no organisation at all
    survey_services.submit(questionnaire=survey, answers={"role": "staff", "rank": ["quality", "it"]}, sample=True,
                           context={"organisation": commission})
    response = Response.objects.get()
    assert (response.organisation, response.country_code) == (commission, "")
