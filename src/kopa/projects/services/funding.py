"""Money of projects: exchange rates, the rule that funds cannot pay more than the project, funding shares."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core import money
from kopa.core.errors import DomainError, require
from kopa.core.money import Amount, Currency, amount_or_none

from ..models import (
    ExchangeRate,
    Fund,
    FundingShare,
    Project,
)
from .checks import check_amount


def check_shares_fit(total: Amount | None, shares) -> None:
    """The funds together cannot pay more than the project costs, nor more than 100 % of it.

    `shares` are (Amount or None, stated percentage or None). The back office and the pages both call this;
    amounts are compared by the one rule of kopa.core.money (as entered in one currency, else in exact euros
    rounded once)."""
    shares = list(shares)
    if sum((Decimal(p) for _a, p in shares if p is not None), Decimal(0)) > 100:
        raise DomainError(_("The stated shares add up to more than 100 %."), field="percentage", code="over_total")
    amounts = [a for a, _p in shares if a is not None]
    if total is None or not amounts:
        return
    if not total.convertible or not all(a.convertible or a.currency == total.currency for a in amounts):
        return  # nothing to compare with until a rate is entered; the page says the rate is missing
    if money.exceeds(total, amounts):
        same = all(a.currency == total.currency for a in amounts)
        funded = (money.format_money(sum((a.value for a in amounts), Decimal(0)), total.currency) if same
                  else money.format_money(money.sum_eur(amounts)))
        shown_total = money.format_money(total.value, total.currency) if same else money.format_money(total.eur)
        raise DomainError(
            _("The funding shares would add up to %(funded)s, more than the project's total budget of %(total)s.")
            % {"funded": funded, "total": shown_total},
            field="amount",
            code="over_total",
        )


def check_project_shares_fit(project: Project, *, replacing: FundingShare | None = None,
                      adding: tuple[Amount | None, Decimal | None] | None = None):
    shares = [(s.money, s.percentage) for s in project.funding_shares.exclude(pk=getattr(replacing, "pk", None))
              .select_related("rate").select_for_update(of=("self",))]
    if adding is not None:
        shares.append(adding)
    check_shares_fit(project.total, shares)


def resolve_rate(currency: str, rate: ExchangeRate | None = None, *, field: str = "currency") -> ExchangeRate | None:
    """The dated rate an amount in `currency` is converted at: the one given, or the latest one entered for it;
    None for the euro and the currencies with a fixed rate. Refuses an unknown currency."""
    if not money.is_known(currency or ""):
        raise DomainError(_("Unknown currency."), field=field, code="invalid")
    if not money.needs_rate(currency):
        return None
    if rate is None:
        rate = ExchangeRate.objects.filter(currency=currency).order_by("-date", "-pk").first()
    if rate is None:
        raise DomainError(
            _("%(currency)s has no fixed rate to the euro: enter a dated rate and its source first.")
            % {"currency": currency}, field=field, code="no_rate")
    if rate.currency != currency:
        raise DomainError(_("That rate is for another currency."), field=field, code="invalid")
    return rate


@transaction.atomic
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


@transaction.atomic
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


@transaction.atomic
def remove_funding_share(*, share: FundingShare, by=None) -> None:
    require(by, "projects.delete_fundingshare", share.project)
    share.delete()
