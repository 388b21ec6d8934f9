"""Money of projects: exchange rates and funding shares (the rule that funds cannot pay more than the project:
kopa.projects.checks)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core import money
from kopa.core.errors import DomainError, require
from kopa.core.money import Currency, amount_or_none

from ..checks import check_amount, check_project_shares_fit, resolve_rate
from ..models import (
    ExchangeRate,
    Fund,
    FundingShare,
    Project,
)


@audited
def add_exchange_rate(*, currency: str, date: date, rate: Decimal, source: str, by) -> ExchangeRate:
    """A coordinator enters the rate a text or a report used ("1 EUR = 11.56 NOK on 1 March 2024, Norges Bank")."""
    require(by, "projects.add_exchangerate")
    if not money.is_known(currency or ""):
        raise DomainError(_("Unknown currency."), field="currency", code="invalid")
    if not money.needs_rate(currency):
        raise DomainError(_("%(currency)s is converted at its fixed rate; no other rate is needed.")
                          % {"currency": currency}, field="currency", code="fixed")
    try:
        rate = Decimal(str(rate)) if rate is not None else None
    except ArithmeticError:
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0:
        raise DomainError(_("A rate is a number greater than zero."), field="rate", code="invalid")
    if date is None:
        raise DomainError(_("Give the date of the rate."), field="date", code="required")
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Say where the rate comes from."), field="source", code="required")
    if ExchangeRate.objects.filter(currency=currency, date=date, source=source).exists():
        raise DomainError(_("This rate is already recorded."), field="date", code="duplicate")
    return ExchangeRate.objects.create(currency=currency, date=date, rate=rate, source=source,
                                       entered_by=by if getattr(by, "pk", None) else None)


@audited
def set_funding_share(
    *,
    project: Project,
    fund: Fund,
    amount: Decimal | None,
    currency: str = Currency.EUR,
    percentage: Decimal | None = None,
    rate: ExchangeRate | None = None,
    by=None,
) -> FundingShare:
    """Record what a fund pays; refused when the funds together would exceed the project total."""
    require(by, "projects.change_fundingshare", project)
    project = Project.objects.select_related("total_rate").select_for_update(of=("self",)).get(pk=project.pk)
    check_amount(amount, "amount")
    rate = resolve_rate(currency, rate) if amount is not None else None
    if amount is None and not money.is_known(currency or ""):
        raise DomainError(_("Unknown currency."), field="currency", code="invalid")
    if percentage is not None and not (0 <= Decimal(percentage) <= 100):
        raise DomainError(_("A share is between 0 and 100 %."), field="percentage", code="invalid")
    existing = project.funding_shares.filter(fund=fund).first()
    check_project_shares_fit(project, replacing=existing, adding=(amount_or_none(amount, currency, rate), percentage))
    share, _created = FundingShare.objects.update_or_create(
        project=project, fund=fund,
        defaults={"amount": amount, "currency": currency, "percentage": percentage, "rate": rate},
    )
    return share


@audited
def remove_funding_share(*, share: FundingShare, by=None) -> None:
    require(by, "projects.delete_fundingshare", share.project)
    share.delete()
