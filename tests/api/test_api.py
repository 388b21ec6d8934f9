import base64
from decimal import Decimal

import pytest

from kopa.projects import services
from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_openapi_document_lists_the_endpoints(client):
    document = client.get("/api/openapi.json").json()
    assert {"/api/projects", "/api/projects/{pk}", "/api/municipalities", "/api/organisations"} <= set(
        document["paths"]
    )


def test_a_project_is_read_with_partners_and_funding(client):
    project = factories.project(code="LLI-59", total=Decimal("382667.64"))
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("325267.50"))
    lead = services.add_partner(project=project, role="lead_partner", organisation=factories.organisation())
    services.add_partner(project=project, role="associated", brought_in_by=lead, organisation=factories.organisation())
    data = client.get(f"/api/projects/{project.pk}").json()
    assert data["code"] == "LLI-59"
    assert data["funding"][0]["fund"] == "ERDF" and Decimal(data["funding"][0]["amount"]) == Decimal("325267.50")
    roles = {p["role"]: p for p in data["partners"]}
    assert roles["associated"]["brought_in_by"] == lead.organisation.slug


def test_writes_go_through_the_same_rules_as_the_pages(client):
    project = factories.project(total=Decimal("1000.00"))
    factories.fund("ERDF")
    coordinator = factories.programme_coordinator(project)
    response = client.put(
        f"/api/projects/{project.pk}/funding/ERDF",
        {"amount": "1000.01"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_basic(coordinator),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "amount" and "total budget" in response.json()["detail"]
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"start_date": "2020-01-01", "end_date": "2019-01-01"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_basic(coordinator),
    )
    assert response.status_code == 400 and response.json()["field"] == "end_date"
    response = client.put(
        f"/api/projects/{project.pk}/funding/ERDF",
        {"amount": "850.00"},
        content_type="application/json",
        **_basic(coordinator),
    )
    assert response.status_code == 200
    assert project.funding_shares.get().amount == Decimal("850.00")


def test_anonymous_and_foreign_coordinators_cannot_write(client):
    project, other = factories.project(), factories.project()
    assert (
        client.patch(f"/api/projects/{project.pk}", {"acronym": "X"}, content_type="application/json").status_code
        == 401
    )
    coordinator = factories.programme_coordinator(other)
    response = client.patch(
        f"/api/projects/{project.pk}", {"acronym": "X"}, content_type="application/json", **_basic(coordinator)
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.acronym == ""


def test_only_administrators_create_projects(client):
    programme = factories.programme()
    admin = factories.user(is_superuser=True)
    payload = {
        "code": "NEW-1",
        "programme": programme.code,
        "title_lv": "Jauns",
        "start_date": "2024-01-01",
        "end_date": "2025-01-01",
    }
    assert (
        client.post("/api/projects", payload, content_type="application/json", **_basic(factories.user())).status_code
        == 403
    )
    response = client.post("/api/projects", payload, content_type="application/json", **_basic(admin))
    assert response.status_code == 201, response.content
    assert Project.objects.filter(code="NEW-1").exists()


def test_municipalities_are_listed_with_pagination(client):
    for n in range(3):
        factories.municipality(name=f"Novads {n}")
    data = client.get("/api/municipalities?limit=2").json()
    assert len(data["items"]) == 2 and data["count"] is None  # not counted unless asked (issue 15)
    assert client.get("/api/municipalities?limit=2&count=true").json()["count"] == 3
    rest = client.get(data["next"]).json()
    assert len(rest["items"]) == 1 and rest["next"] is None
    assert client.get("/api/municipalities?limit=2&offset=2").json()["count"] == 3  # a last page shows the total


def test_scripts_write_with_basic_auth_even_where_csrf_is_enforced():
    from django.test import Client

    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    strict = Client(enforce_csrf_checks=True)
    response = strict.patch(
        f"/api/projects/{project.pk}",
        {"acronym": "Open Leadership"},
        content_type="application/json",
        **_basic(coordinator),
    )
    assert response.status_code == 200, response.content
    # A browser session without the CSRF token is refused.
    strict.force_login(coordinator)
    response = strict.patch(f"/api/projects/{project.pk}", {"acronym": "Forged"}, content_type="application/json")
    assert response.status_code in (401, 403)
    project.refresh_from_db()
    assert project.acronym == "Open Leadership"


def test_null_text_and_unknown_currency_are_refused_or_emptied_not_a_server_error(client):
    project = factories.project()
    admin = factories.user(is_superuser=True)
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"acronym": None, "total_currency": "USD"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_basic(admin),
    )
    assert response.status_code == 400 and response.json()["field"] == "total_currency"
    response = client.patch(
        f"/api/projects/{project.pk}", {"acronym": None}, content_type="application/json", **_basic(admin)
    )
    assert response.status_code == 200
