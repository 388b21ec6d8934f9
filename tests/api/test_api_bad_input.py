"""C11: what an API caller may send wrong — a huge page, an offset past everything, a year out of range, a token
that is no UUID, a text too long for its column, an amount too large — is answered 4xx naming the field, never
500 (schemathesis found each of these as a server error; tests/api/test_schemathesis.py fuzzes the rest)."""

import base64
from decimal import Decimal

import pytest
from django.utils import translation

from kopa.api import guards
from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_language_leak():
    before = translation.get_language()
    yield
    translation.activate(before)  # a request with Accept-Language must not leave its language behind


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _fields(response) -> list[str]:
    return [error["loc"][-1] for error in response.json()["detail"]]


def test_a_page_of_100000_is_refused_not_sent_whole(client):
    for _ in range(3):
        factories.organisation()
    response = client.get("/api/organisations?limit=100000", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and _fields(response) == ["limit"]
    assert "between 1 and 100" in response.json()["detail"][0]["msg"]
    response = client.get("/api/organisations?limit=100")
    assert response.status_code == 200 and response.json()["count"] >= 3


def test_the_refusal_is_in_the_callers_language(client):
    response = client.get("/api/organisations?limit=100000", HTTP_ACCEPT_LANGUAGE="lt")
    assert response.json()["detail"][0]["msg"] == "Reikšmė turi būti nuo 1 iki 100."


def test_the_openapi_document_states_the_largest_page(client):
    document = client.get("/api/openapi.json").json()
    limit = next(p for p in document["paths"]["/api/organisations"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == guards.MAX_LIMIT == 100
    offset = next(p for p in document["paths"]["/api/organisations"]["get"]["parameters"] if p["name"] == "offset")
    assert offset["schema"]["minimum"] == 0 and offset["schema"]["maximum"] == guards.MAX_OFFSET


@pytest.mark.parametrize("offset", ["-1", "173209570593539737194262953984", str(guards.MAX_OFFSET + 1)])
def test_an_offset_below_zero_or_past_any_list_is_refused(client, offset):
    response = client.get(f"/api/organisations?offset={offset}")
    assert response.status_code == 422 and _fields(response) == ["offset"]


def test_an_offset_past_the_end_is_an_empty_page(client):
    factories.organisation()
    response = client.get(f"/api/organisations?offset={guards.MAX_OFFSET}")
    assert response.status_code == 200 and response.json()["items"] == []


def test_an_id_no_record_can_have_is_not_found(client):
    response = client.get("/api/lean/services/132829924387794781732864/improvements")
    assert response.status_code == 404


@pytest.mark.parametrize("year", ["99999", "1066", "-5"])
def test_a_year_out_of_range_is_refused(client, year):
    response = client.get(f"/api/news?year={year}")
    assert response.status_code == 422 and _fields(response) == ["year"]
    assert client.get("/api/news?year=2024").status_code == 200


def test_a_survey_token_that_is_no_uuid_is_not_found(client):
    assert client.get("/api/surveys/answer/not-a-uuid").status_code == 404
    response = client.post("/api/surveys/answer/Title%20(Lithuanian)", {"answers": {}},
                           content_type="application/json")
    assert response.status_code == 404


def test_a_text_too_long_for_its_column_is_refused_naming_it(client):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    response = client.patch(f"/api/projects/{project.pk}", {"acronym": "A" * 5000}, content_type="application/json",
                            HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 422
    assert response.json()["field"] == "acronym" and "at most" in response.json()["detail"]
    project.refresh_from_db()
    assert project.acronym == ""


def test_an_amount_too_large_is_refused_naming_it(client):
    project = factories.project(total=Decimal("1000.00"))
    coordinator = factories.programme_coordinator(project)
    response = client.patch(f"/api/projects/{project.pk}", {"total_amount": "1e30"}, content_type="application/json",
                            HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 422 and response.json()["field"] == "total_amount"
    project.refresh_from_db()
    assert project.total_amount == Decimal("1000.00")


def test_a_refused_write_leaves_nothing_behind(client):
    """One refused value refuses the whole change: the acronym sent with the too-large amount is not kept."""
    project = factories.project(total=Decimal("1000.00"))
    coordinator = factories.programme_coordinator(project)
    response = client.patch(f"/api/projects/{project.pk}", {"acronym": "NEW", "total_amount": "1e30"},
                            content_type="application/json", **_basic(coordinator))
    assert response.status_code == 422
    assert Project.objects.get(pk=project.pk).acronym == ""


def test_a_null_character_in_a_query_is_refused_naming_it(client):
    response = client.get("/api/exchange-rates?currency=%C2%A1%00f")
    assert response.status_code == 422 and _fields(response) == ["currency"]
