"""A coordinator builds a project in Kopā's own pages: partners (picked by name), the work plan and output
indicators, through the same services and rules as the API and the back office."""

from decimal import Decimal

import pytest
from django.test import Client

from kopa.projects.models import OutputIndicator, Partnership, WorkPlanItem
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = factories.project(code="PLAN-1")
    return project, factories.programme_coordinator(project)


def test_a_partner_is_added_by_its_name_and_shown_on_the_project_page(project, client):
    record, coordinator = project
    lead = factories.organisation(name="Latgales plānošanas reģions")
    partner = factories.organisation(name="Utenos rajono savivaldybė", country_code="LT")
    client.force_login(coordinator)
    page = client.get(f"/lv/projects/{record.pk}/").content.decode()
    assert f'href="/lv/projects/{record.pk}/add/partner/"' in page
    # Typed as one types in a hurry: no diacritics, any case (the directory's names carry a number in tests).
    typed = str(lead).replace("ā", "a").replace("š", "s").replace("ģ", "g").upper()
    assert client.post(f"/lv/projects/{record.pk}/add/partner/", {
        "organisation": typed, "role": "lead_partner", "budget_currency": "EUR"}).status_code == 302
    assert client.post(f"/lv/projects/{record.pk}/add/partner/", {
        "organisation": str(partner).replace("ė", "e").lower(), "role": "partner", "budget_amount": "1200.50",
        "budget_currency": "EUR", "agreement_number": "P-2",
    }).status_code == 302
    assert {(p.organisation, p.role) for p in Partnership.objects.filter(project=record)} == {
        (lead, "lead_partner"), (partner, "partner")}
    assert Partnership.objects.get(organisation=partner).budget_amount == Decimal("1200.50")
    page = client.get(f"/lv/projects/{record.pk}/").content.decode()
    assert str(partner) in page and str(lead) in page


def test_a_second_lead_partner_is_refused_in_the_readers_language_and_nothing_changes(project, client):
    record, coordinator = project
    first, second = factories.organisation(name="Pirmā iestāde"), factories.organisation(name="Otrā iestāde")
    client.force_login(coordinator)
    client.post(f"/lt/projects/{record.pk}/add/partner/", {"organisation": first.slug, "role": "lead_partner",
                                                           "budget_currency": "EUR"})
    response = client.post(f"/lt/projects/{record.pk}/add/partner/", {
        "organisation": second.slug, "role": "lead_partner", "budget_currency": "EUR"})
    assert response.status_code == 200
    assert "Projektas jau turi pagrindinį partnerį" in response.content.decode()
    assert Partnership.objects.filter(project=record).count() == 1


def test_work_plan_items_and_indicators_are_added_through_the_service(project, client):
    record, coordinator = project
    client.force_login(coordinator)
    assert client.post(f"/en/projects/{record.pk}/add/work-plan-item/", {
        "title_lv": "Pieredzes brauciens uz Uteni", "activity_kind": "study_visit", "planned_count": "2",
        "start_date": "2026-03-01", "end_date": "2026-10-31"}).status_code == 302
    item = WorkPlanItem.objects.get(project=record)
    assert (item.title_lv, item.activity_kind, item.planned_count) == ("Pieredzes brauciens uz Uteni", "study_visit", 2)
    response = client.post(f"/en/projects/{record.pk}/add/work-plan-item/", {
        "title_lv": "Otrādi", "activity_kind": "seminar", "start_date": "2026-10-31", "end_date": "2026-03-01"})
    assert response.status_code == 200 and WorkPlanItem.objects.filter(project=record).count() == 1
    assert client.post(f"/en/projects/{record.pk}/add/indicator/", {
        "name_en": "Employees trained", "unit_en": "people", "rule": "distinct_participants", "target": "40",
        "activity_kind": "training"}).status_code == 302
    indicator = OutputIndicator.objects.get(project=record)
    assert (indicator.name_en, indicator.target, indicator.activity_kind) == ("Employees trained", 40, "training")
    response = client.post(f"/en/projects/{record.pk}/add/indicator/", {"unit_en": "people",
                                                                        "rule": "attendances", "target": "5"})
    assert "The indicator needs a name." in response.content.decode()
    assert "Employees trained" in client.get(f"/en/projects/{record.pk}/").content.decode()


def test_only_those_who_may_change_the_project_add_to_it(project, client):
    record, _coordinator = project
    client.force_login(factories.user())
    for what in ("partner", "work-plan-item", "indicator"):
        assert client.get(f"/en/projects/{record.pk}/add/{what}/").status_code == 403
    assert "/add/partner/" not in client.get(f"/en/projects/{record.pk}/").content.decode()


def test_partners_work_plan_items_and_indicators_are_removed_from_the_project_page(project, client):
    from kopa.projects import services

    record, coordinator = project
    partnership = services.add_partner(project=record, organisation=factories.organisation(), role="partner",
                                       by=coordinator)
    item = services.add_work_plan_item(project=record, activity_kind="seminar", title_lv="Semināri", by=coordinator)
    indicator = services.add_indicator(project=record, rule="attendances", target=5, name_lv="Dalības",
                                       by=coordinator)
    stranger = Client()
    stranger.force_login(factories.user())
    assert stranger.post(f"/en/projects/{record.pk}/remove/indicator/{indicator.pk}/").status_code == 403
    assert OutputIndicator.objects.filter(pk=indicator.pk).exists()  # refused, nothing removed
    client.force_login(coordinator)
    page = client.get(f"/en/projects/{record.pk}/").content.decode()
    for what, pk in (("partner", partnership.pk), ("work-plan-item", item.pk), ("indicator", indicator.pk)):
        url = f"/en/projects/{record.pk}/remove/{what}/{pk}/"
        assert f'action="{url}"' in page
        assert client.post(url).status_code == 302
    assert not record.partnerships.exists() and not record.work_plan.exists() and not record.indicators.exists()
    assert client.get(f"/en/projects/{record.pk}/remove/indicator/1/").status_code == 405
