from decimal import Decimal

import pytest
from django.urls import reverse

from kopa.projects import services
from kopa.projects.models import FundingShare
from tests import factories

pytestmark = pytest.mark.django_db


def _project_with_partners(count: int):
    project = factories.project(total=Decimal("382667.64"))
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("325267.50"))
    lead = services.add_partner(
        project=project, role="lead_partner", organisation=factories.organisation(country_code="LT")
    )
    for _ in range(count - 1):
        services.add_partner(
            project=project,
            role="associated",
            brought_in_by=lead,
            organisation=factories.organisation(municipality=factories.municipality()),
        )
    services.add_work_plan_item(project=project, activity_kind="study_visit", title_lv="Pieredzes apmaiņa")
    services.add_indicator(
        project=project, rule="activities_held", target=Decimal(3), name_lv="Vizītes", unit_lv="gab."
    )
    return project


def _queries(client, url, django_assert_max_num_queries=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_project_page_runs_the_same_queries_with_1_or_100_partners(client):
    one = _project_with_partners(1)
    hundred = _project_with_partners(100)
    assert _queries(client, one.get_absolute_url()) == _queries(client, hundred.get_absolute_url())


def test_the_project_list_runs_the_same_queries_with_1_or_100_partners(client):
    _project_with_partners(1)
    url = reverse("projects:list")
    few = _queries(client, url)
    _project_with_partners(100)
    _project_with_partners(30)
    assert _queries(client, url) == few


def test_the_project_page_shows_the_funding_share_in_the_active_language(client):
    project = _project_with_partners(3)
    html = client.get(f"/lt/projects/{project.pk}/").content.decode()
    assert "85,0\u00a0%" in html
    assert "382\u00a0667,64\u00a0€" in html
    assert "Pagrindinis partneris" in html or "pagrindinis partneris" in html.lower()
    english = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "€382,667.64" in english and "85.0%" in english


def test_project_list_filters_by_text_and_programme(client):
    a = factories.project(code="LLI-59", acronym="Open Leadership")
    factories.project(code="OTHER-1")
    html = client.get(reverse("projects:list") + "?q=leadership").content.decode()
    assert a.code in html and "OTHER-1" not in html
    factories.country("LT")
    html = client.get(reverse("projects:list") + "?country=LT").content.decode()
    assert "LLI-59" not in html


def test_a_coordinator_sees_a_clear_error_for_a_funding_share_above_the_total(client):
    project = factories.project(total=Decimal("1000.00"))
    erdf = factories.fund("ERDF")
    client.force_login(factories.programme_coordinator(project))
    response = client.post(
        f"/en/projects/{project.pk}/funding/",
        {"funding-fund": erdf.pk, "funding-amount": "1000.01", "funding-currency": "EUR"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "more than the project&#x27;s total budget" in html
    assert 'aria-invalid="true"' in html
    assert not FundingShare.objects.exists()


def test_a_coordinator_sees_a_clear_error_for_a_reversed_period(client):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    data = {
        f"project-{k}": v
        for k, v in {
            "code": project.code,
            "title_lv": "Projekts",
            "programme": project.programme.pk,
            "start_date": "2019-04-30",
            "end_date": "2017-05-01",
            "status": "running",
            "total_amount": "1000",
            "total_currency": "EUR",
        }.items()
    }
    response = client.post(f"/en/projects/{project.pk}/edit/", data)
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    project.refresh_from_db()
    assert str(project.start_date) == "2017-05-01"


def test_a_coordinator_cannot_edit_another_project(client):
    project, other = factories.project(), factories.project()
    client.force_login(factories.programme_coordinator(project))
    assert client.get(f"/en/projects/{other.pk}/edit/").status_code == 403
    assert client.get(f"/en/projects/{project.pk}/edit/").status_code == 200


def test_project_list_filters_by_period_and_reports_a_bad_date_in_the_users_language(client):
    from datetime import date

    factories.project(code="OLD-1", start_date=date(2012, 4, 1), end_date=date(2013, 1, 31))
    factories.project(code="NEW-1", start_date=date(2017, 5, 1), end_date=date(2019, 4, 30))
    html = client.get("/lv/projects/?date_from=2018-01-01&date_to=2018-12-31").content.decode()
    assert "NEW-1" in html and "OLD-1" not in html
    html = client.get("/lv/projects/?date_from=31.02.2018").content.decode()
    assert "Jāievada derīgs datums." in html  # Django's own Latvian message, tied to the field
    assert 'aria-invalid="true"' in html


def test_the_project_list_names_the_lead_partner_and_the_partner_countries(client):
    project = factories.project(code="LLI-59")
    lead = factories.organisation(name="Eiroreģiona Lietuvas birojs", country_code="LT")
    services.add_partner(project=project, role="lead_partner", organisation=lead)
    services.add_partner(project=project, role="partner", organisation=factories.organisation())
    html = client.get("/lv/projects/").content.decode()
    assert lead.name_lv in html
    assert ">Lietuva</span>" in html and ">Latvija</span>" in html


def test_a_coordinator_puts_the_project_on_topics_and_the_project_list_filters_by_them(client):
    from kopa.topics.models import Topic

    project = factories.project(code="TOPIC-1")
    other = factories.project(code="OTHER-1")
    tourism = Topic.objects.get(slug="tourism")
    client.force_login(factories.programme_coordinator(project))
    data = {f"project-{k}": v for k, v in {
        "code": project.code, "title_lv": "Projekts", "programme": project.programme.pk, "start_date": "2017-05-01",
        "end_date": "2019-04-30", "status": "running", "total_amount": "1000", "total_currency": "EUR"}.items()}
    data["project-topics"] = [tourism.pk]
    assert client.post(f"/en/projects/{project.pk}/edit/", data).status_code == 302
    assert list(project.topics.all()) == [tourism]
    assert "Tourism" in client.get(f"/en/projects/{project.pk}/").content.decode()
    listing = client.get("/en/projects/?topic=tourism").content.decode()
    assert "TOPIC-1" in listing and other.code not in listing
    assert [p["code"] for p in client.get("/api/projects?topic=tourism").json()["items"]] == ["TOPIC-1"]
