"""The back office saves a project, its funding shares, partners, work plan and indicators through the services
Kopā's own pages use: the same rules and messages, the same stored values, and a refusal changes nothing."""

from datetime import date
from decimal import Decimal

import pytest

from kopa.projects import services
from kopa.projects.models import FundingShare, Partnership, Project, WorkPlanItem
from tests import factories
from tests.activities.test_back_office_services import _change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    return client


def _url(project):
    return f"/en/admin/projects/project/{project.pk}/change/"


def _new_row(data, prefix, **fields):
    number = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(number + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{number}-{name}"] = [value]
    return data


def test_funding_shares_over_100_percent_are_refused_in_the_back_office_with_the_services_message(admin_client):
    project = factories.project(total=None)
    erdf, nfm = factories.fund("ERDF"), factories.fund("NFM")
    data = _change_form(admin_client, _url(project))
    _new_row(data, "funding_shares", fund=str(erdf.pk), currency="EUR", percentage="60")
    _new_row(data, "funding_shares", fund=str(nfm.pk), currency="EUR", percentage="50")
    response = admin_client.post(_url(project), data)
    assert response.status_code == 200
    assert "The stated shares add up to more than 100 %." in response.content.decode()
    assert not FundingShare.objects.filter(project=project).exists()
    data["funding_shares-1-percentage"] = ["40"]
    assert admin_client.post(_url(project), data).status_code == 302
    assert sorted(s.percentage for s in FundingShare.objects.filter(project=project)) == [40, 60]


def test_a_project_saved_in_the_back_office_is_stored_as_the_service_stores_it(admin_client):
    by_admin, by_service = factories.project(), factories.project()
    data = _change_form(admin_client, _url(by_admin))
    data.update({"code": ["  LLI-900  "], "start_precision": ["month"], "start_date": ["2019-03-14"],
                 "end_precision": ["year"], "end_date": ["2020-05-05"]})
    response = admin_client.post(_url(by_admin), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    services.update_project(project=by_service, code="  LLI-901  ", start_precision="month",
                            start_date=date(2019, 3, 14), end_precision="year", end_date=date(2020, 5, 5))
    by_admin.refresh_from_db()
    by_service.refresh_from_db()
    # A start stated to the month is kept as its first day, an end stated to the year as its last; the code trimmed.
    assert (by_admin.code, by_service.code) == ("LLI-900", "LLI-901")
    assert (by_admin.start_date, by_admin.end_date) == (by_service.start_date, by_service.end_date) == (
        date(2019, 3, 1), date(2020, 12, 31))


def test_a_total_below_what_the_funds_pay_is_refused_in_the_back_office_and_nothing_saved(admin_client):
    project = factories.project(total=Decimal("1000.00"))
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("800.00"))
    data = _change_form(admin_client, _url(project))
    data["total_amount"], data["acronym"] = ["500.00"], ["SMALLER"]
    response = admin_client.post(_url(project), data)
    assert response.status_code == 200 and "more than the project&#x27;s total budget" in response.content.decode()
    project.refresh_from_db()
    assert (project.total_amount, project.acronym) == (Decimal("1000.00"), "")


def test_partners_and_the_work_plan_follow_the_services_rules_in_the_back_office(admin_client):
    project = factories.project()
    services.add_partner(project=project, organisation=factories.organisation(), role="lead_partner")
    second = factories.organisation()
    data = _new_row(_change_form(admin_client, _url(project)), "partnerships", organisation=str(second.pk),
                    role="lead_partner", budget_currency="EUR")
    data["acronym"] = ["TWO-LEADS"]
    response = admin_client.post(_url(project), data)
    assert response.status_code == 200 and "The project already has a lead partner." in response.content.decode()
    assert Partnership.objects.filter(project=project).count() == 1
    assert Project.objects.get(pk=project.pk).acronym == ""  # the project's own save rolled back with it

    data = _change_form(admin_client, _url(project))
    _new_row(data, "partnerships", organisation=str(second.pk), role="partner", budget_currency="EUR")
    _new_row(data, "work_plan", activity_kind="seminar", title_lv="Seminārs", start_date="2018-05-01",
             end_date="2018-04-01")
    response = admin_client.post(_url(project), data)
    assert response.status_code == 200 and not WorkPlanItem.objects.filter(project=project).exists()
    data["work_plan-0-end_date"] = ["2018-06-01"]
    response = admin_client.post(_url(project), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(p.organisation, p.role) for p in Partnership.objects.filter(project=project, organisation=second)] == [
        (second, "partner")]
    assert [w.title_lv for w in WorkPlanItem.objects.filter(project=project)] == ["Seminārs"]
