"""The rules every write of projects shares, read-only: periods, amounts, work plan items and indicators, funding
shares that fit the project, the rate an amount is converted at, likely duplicates. The services
(kopa.projects.services) and the back office call them; they change nothing."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kopa.core import money
from kopa.core.errors import DomainError
from kopa.core.money import Amount
from kopa.core.translated import has_translation

from .models import ExchangeRate, FundingShare, OutputIndicator, Project

# Addresses of the programme pages themselves (programmes/new/, programmes/funds/…), never a programme's code.
RESERVED_PROGRAMME_CODES = ("new", "funds")


class LikelyDuplicates(DomainError):
    """A person is adding what may already exist; `candidates` are the likely ones, best first."""

    def __init__(self, candidates, message=None):
        super().__init__(message or _("This may already be recorded. Choose the existing entry, or confirm that it "
                                      "is a new one."), field=None, code="likely_duplicate")
        self.candidates = candidates


def check_period(start: date | None, end: date | None):
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")


def check_amount(amount, field):
    if amount is not None and Decimal(amount) < 0:
        raise DomainError(_("An amount cannot be negative."), field=field, code="negative")


def check_work_plan_item(item) -> None:
    """A work plan item, added or changed: a title in some language, a period that fits."""
    if not has_translation(item, "title"):
        raise DomainError(_("The work plan item needs a title."), field="title_lv", code="required")
    check_period(item.start_date, item.end_date)


def check_indicator(indicator) -> None:
    """An output indicator, added or changed: a known counting rule, a target of zero or more, a name."""
    if indicator.rule not in OutputIndicator.Rule.values:
        raise DomainError(_("Unknown counting rule."), field="rule", code="invalid")
    if indicator.target is None or Decimal(indicator.target) < 0:
        raise DomainError(_("The target cannot be negative."), field="target", code="negative")
    if not has_translation(indicator, "name"):
        raise DomainError(_("The indicator needs a name."), field="name_lv", code="required")


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
    """check_shares_fit on the shares the project has (locked until the calling service ends), one replaced or
    one added."""
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
