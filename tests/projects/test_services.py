from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.core.money import LVL_PER_EUR, format_money, format_share, to_eur
from kopa.projects import services
from kopa.projects.models import FundingShare, Partnership, Project
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_funding_share_above_the_project_total_is_refused_and_nothing_saved():
    project = factories.project(total=Decimal("382667.64"))
    erdf = factories.fund("ERDF")
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.set_funding_share(project=project, fund=erdf, amount=Decimal("400000.00"))
    assert error.value.field == "amount"
    assert "more than the project's total budget" in str(error.value)
    assert "€382,667.64" in str(error.value)
    assert not FundingShare.objects.exists()


def test_shares_together_cannot_exceed_the_total():
    project = factories.project(total=Decimal("1000.00"))
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("850.00"))
    with pytest.raises(DomainError):
        services.set_funding_share(project=project, fund=factories.fund("NFM"), amount=Decimal("150.01"))
    services.set_funding_share(project=project, fund=factories.fund("NFM"), amount=Decimal("150.00"))
    assert project.funding_shares.count() == 2


def test_replacing_a_share_counts_only_the_new_amount():
    project = factories.project(total=Decimal("1000.00"))
    erdf = factories.fund("ERDF")
    services.set_funding_share(project=project, fund=erdf, amount=Decimal("900.00"))
    services.set_funding_share(project=project, fund=erdf, amount=Decimal("1000.00"))
    assert project.funding_shares.get().amount == Decimal("1000.00")


def test_lats_are_kept_as_entered_and_converted_at_the_official_rate():
    project = factories.project(total=Decimal("24415.44"), currency="LVL")
    esf = factories.fund("ESF")
    share = services.set_funding_share(project=project, fund=esf, amount=Decimal("24415.44"), currency="LVL")
    share.refresh_from_db()
    assert share.amount == Decimal("24415.44") and share.currency == "LVL"
    assert share.amount_eur == Decimal("34740.04") == to_eur(Decimal("24415.44"), "LVL")
    assert LVL_PER_EUR == Decimal("0.702804")


def test_a_period_that_ends_before_it_starts_is_refused():
    with translation.override("lv"), pytest.raises(DomainError) as error:
        factories.project(start_date=date(2019, 4, 30), end_date=date(2017, 5, 1))
    assert error.value.field == "end_date"
    assert not Project.objects.exists()
    project = factories.project()
    with pytest.raises(DomainError):
        services.update_project(project=project, end_date=date(2000, 1, 1))
    project.refresh_from_db()
    assert project.end_date == date(2019, 4, 30)


def test_the_database_also_refuses_a_reversed_period():
    from django.db import IntegrityError, transaction

    project = factories.project()
    project.end_date = date(2000, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_a_duplicate_project_code_is_refused():
    factories.project(code="LLI-59")
    with pytest.raises(DomainError) as error:
        factories.project(code="LLI-59")
    assert error.value.field == "code"


def test_only_coordinators_of_the_project_may_change_it():
    project = factories.project()
    other = factories.project()
    coordinator = factories.programme_coordinator(project)
    services.update_project(project=project, by=coordinator, acronym="Open Leadership")
    with pytest.raises(PermissionDenied):
        services.update_project(project=other, by=coordinator, acronym="Nope")
    other.refresh_from_db()
    assert other.acronym == ""


def test_an_associated_organisation_is_brought_in_by_a_partner_of_the_same_project():
    project = factories.project()
    lead = services.add_partner(project=project, organisation=factories.organisation(), role="lead_partner")
    associated = services.add_partner(
        project=project, organisation=factories.organisation(), role="associated", brought_in_by=lead
    )
    assert associated.brought_in_by == lead
    with pytest.raises(DomainError):
        services.add_partner(project=project, organisation=factories.organisation(), role="lead_partner")
    with pytest.raises(DomainError):
        services.add_partner(project=project, organisation=lead.organisation, role="partner")
    assert Partnership.objects.filter(project=project).count() == 2


@pytest.mark.parametrize(
    ("language", "money", "share"),
    [
        ("lv", "382\u00a0667,64\u00a0€", "85,0%"),
        ("lt", "382\u00a0667,64\u00a0€", "85,0\u00a0%"),
        ("en", "€382,667.64", "85.0%"),
    ],
)
def test_money_and_shares_follow_the_active_locale(language, money, share):
    with translation.override(language):
        assert format_money(Decimal("382667.64")) == money
        assert format_share(Decimal("325267.50") / Decimal("382667.64")) == share


def test_lats_shares_that_add_up_exactly_are_accepted_despite_rounding():
    project = factories.project(total=Decimal("1000.00"), currency="LVL")
    services.set_funding_share(project=project, fund=factories.fund("ESF"), amount=Decimal("0.06"), currency="LVL")
    services.set_funding_share(project=project, fund=factories.fund("NFM"), amount=Decimal("999.94"), currency="LVL")
    assert project.funding_shares.count() == 2


def test_stated_percentages_cannot_exceed_100():
    project = factories.project(total=None)
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=None, percentage=Decimal(85))
    with pytest.raises(DomainError):
        services.set_funding_share(project=project, fund=factories.fund("NFM"), amount=None, percentage=Decimal(20))
    assert project.funding_shares.count() == 1
