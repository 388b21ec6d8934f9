"""Every write to projects. One transaction per call; a broken rule raises DomainError, nothing is saved."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core import money
from kopa.core.errors import DomainError, require
from kopa.core.money import Amount, Currency, amount_or_none
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Organisation

from .models import (
    ExchangeRate,
    Fund,
    FundingShare,
    FundingStatement,
    OutputIndicator,
    Partnership,
    Programme,
    Project,
    WorkPlanItem,
)

PROJECT_FIELDS = {
    "code",
    "acronym",
    "title_lv",
    "title_lt",
    "title_en",
    "objective_lv",
    "objective_lt",
    "objective_en",
    "agreement_number",
    "programme",
    "start_date",
    "end_date",
    "status",
    "total_amount",
    "total_currency",
    "total_rate",
}



def _check_period(start: date | None, end: date | None):
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")


def _check_amount(amount, field):
    if amount is not None and Decimal(amount) < 0:
        raise DomainError(_("An amount cannot be negative."), field=field, code="negative")


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


def _check_shares_fit(project: Project, *, replacing: FundingShare | None = None,
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


def _set_total_rate(project: Project) -> None:
    """A total in a currency with no fixed rate is converted at a dated rate (the one given or the latest)."""
    if project.total_amount is None:
        project.total_rate = None
        return
    rate = project.total_rate if project.total_rate_id else None
    project.total_rate = resolve_rate(project.total_currency, rate, field="total_currency")


def _clean_fields(fields: dict) -> dict:
    """Empty text is stored as "", never NULL; a currency must be one we know."""
    for name in ("acronym", "agreement_number", "objective_lv", "objective_lt", "objective_en"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "total_currency" in fields and not money.is_known(fields["total_currency"] or ""):
        raise DomainError(_("Unknown currency."), field="total_currency", code="invalid")
    if "status" in fields and fields["status"] not in Project.Status.values:
        raise DomainError(_("Unknown status."), field="status", code="invalid")
    return fields


@transaction.atomic
def create_project(*, by=None, code: str, title_lv: str = "", programme: Programme, topics=(), **fields) -> Project:
    require(by, "projects.add_project")
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    code = (code or "").strip()
    if not code:
        raise DomainError(_("The project code is missing."), field="code", code="required")
    if Project.objects.filter(code=code).exists():
        raise DomainError(
            _("A project with the code %(code)s already exists.") % {"code": code}, field="code", code="duplicate"
        )
    project = Project(code=code, title_lv=title_lv, programme=programme, **_clean_fields(fields))
    _set_total_rate(project)
    if not has_translation(project, "title"):
        raise DomainError(_("The project needs a title."), field="title_lv", code="required")
    _check_period(project.start_date, project.end_date)
    _check_amount(project.total_amount, "total_amount")
    project.save()
    project.topics.set(topics)
    return project


@transaction.atomic
def update_project(*, project: Project, by=None, topics=None, **fields) -> Project:
    require(by, "projects.change_project", project)
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    project = Project.objects.select_for_update().get(pk=project.pk)
    _clean_fields(fields)
    if "code" in fields:
        fields["code"] = (fields["code"] or "").strip()
        if not fields["code"]:
            raise DomainError(_("The project code is missing."), field="code", code="required")
        if Project.objects.filter(code=fields["code"]).exclude(pk=project.pk).exists():
            raise DomainError(
                _("A project with the code %(code)s already exists.") % {"code": fields["code"]},
                field="code",
                code="duplicate",
            )
    for name, value in fields.items():
        setattr(project, name, value)
    _set_total_rate(project)
    if not has_translation(project, "title"):
        raise DomainError(_("The project needs a title."), field="title_lv", code="required")
    _check_period(project.start_date, project.end_date)
    _check_amount(project.total_amount, "total_amount")
    # A smaller total must still cover what the funds already pay.
    _check_shares_fit(project)
    project.save()
    if topics is not None:
        project.topics.set(topics)
    return project


@transaction.atomic
def add_partner(
    *, project: Project, organisation: Organisation, role: str, brought_in_by: Partnership | None = None, by=None
) -> Partnership:
    require(by, "projects.add_partnership", project)
    if role not in Partnership.Role.values:
        raise DomainError(_("Unknown role in the project."), field="role", code="invalid")
    if project.partnerships.filter(organisation=organisation).exists():
        raise DomainError(
            _("%(organisation)s already takes part in this project.") % {"organisation": organisation},
            field="organisation",
            code="duplicate",
        )
    if role == Partnership.Role.LEAD_PARTNER and project.partnerships.filter(role=role).exists():
        raise DomainError(_("The project already has a lead partner."), field="role", code="duplicate")
    if brought_in_by is not None:
        if brought_in_by.project_id != project.pk or brought_in_by.role == Partnership.Role.ASSOCIATED:
            raise DomainError(
                _("An associated organisation is brought in by a partner of the same project."),
                field="brought_in_by",
                code="invalid",
            )
    return Partnership.objects.create(
        project=project, organisation=organisation, role=role, brought_in_by=brought_in_by
    )


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
    _check_amount(amount, "amount")
    rate = resolve_rate(currency, rate) if amount is not None else None
    if amount is None and not money.is_known(currency or ""):
        raise DomainError(_("Unknown currency."), field="currency", code="invalid")
    if percentage is not None and not (0 <= Decimal(percentage) <= 100):
        raise DomainError(_("A share is between 0 and 100 %."), field="percentage", code="invalid")
    existing = project.funding_shares.filter(fund=fund).first()
    _check_shares_fit(project, replacing=existing, adding=(amount_or_none(amount, currency, rate), percentage))
    share, _created = FundingShare.objects.update_or_create(
        project=project, fund=fund,
        defaults={"amount": amount, "currency": currency, "percentage": percentage, "rate": rate},
    )
    return share


@transaction.atomic
def remove_funding_share(*, share: FundingShare, by=None) -> None:
    require(by, "projects.delete_fundingshare", share.project)
    share.delete()


@transaction.atomic
def add_work_plan_item(*, project: Project, by=None, activity_kind: str, title_lv: str = "", **fields) -> WorkPlanItem:
    require(by, "projects.add_workplanitem", project)
    item = WorkPlanItem(project=project, activity_kind=activity_kind, title_lv=title_lv, **fields)
    if not has_translation(item, "title"):
        raise DomainError(_("The work plan item needs a title."), field="title_lv", code="required")
    _check_period(item.start_date, item.end_date)
    item.save()
    return item


@transaction.atomic
def add_indicator(
    *, project: Project, by=None, rule: str, target: Decimal, name_lv: str = "", **fields
) -> OutputIndicator:
    require(by, "projects.add_outputindicator", project)
    if rule not in OutputIndicator.Rule.values:
        raise DomainError(_("Unknown counting rule."), field="rule", code="invalid")
    if target is None or Decimal(target) < 0:
        raise DomainError(_("The target cannot be negative."), field="target", code="negative")
    indicator = OutputIndicator(project=project, rule=rule, target=target, name_lv=name_lv, **fields)
    if not has_translation(indicator, "name"):
        raise DomainError(_("The indicator needs a name."), field="name_lv", code="required")
    indicator.save()
    return indicator



@transaction.atomic
def save_fund(*, code: str, names: dict[str, str]) -> Fund:
    fund = Fund.objects.filter(code=code).first() or Fund(code=code)
    set_translations(fund, "name", names)
    fund.save()
    return fund


@transaction.atomic
def save_programme(
    *,
    code: str,
    names: dict[str, str],
    funds: list[Fund] = (),
    start_year: int | None = None,
    end_year: int | None = None,
    website: str = "",
    funding_statements: dict[str, str] | None = None,
) -> Programme:
    if start_year and end_year and end_year < start_year:
        raise DomainError(_("The end date is before the start date."), field="end_year", code="period")
    programme = Programme.objects.filter(code=code).first() or Programme(code=code)
    set_translations(programme, "name", names)
    programme.start_year, programme.end_year, programme.website = start_year, end_year, website
    programme.save()
    programme.funds.add(*funds)
    if funding_statements:
        save_funding_statement(programme=programme, key="funding", texts=funding_statements)
    return programme


@transaction.atomic
def save_funding_statement(*, programme: Programme | None = None, fund: Fund | None = None, key: str,
                           texts: dict[str, str], logo_alt: dict[str, str] | None = None, logo=None,
                           logo_required: bool = False, places: set[str] | None = None,
                           position: int = 0) -> FundingStatement:
    """A programme's or a fund's statement, created or replaced under its key ("funding", "disclaimer" …).

    `places` names where it must appear (FundingStatement.Place values); everywhere when not given."""
    if (programme is None) == (fund is None):
        raise DomainError(_("A statement belongs to a programme or to a fund."), code="invalid")
    if not any((texts or {}).values()):
        raise DomainError(_("The statement needs its text."), field="text_lv", code="required")
    statement = (FundingStatement.objects.filter(programme=programme, fund=fund, key=key).first()
                 or FundingStatement(programme=programme, fund=fund, key=key))
    set_translations(statement, "text", texts)
    if logo_alt is not None:
        set_translations(statement, "logo_alt", logo_alt)
    if logo is not None:
        statement.logo = logo
    statement.logo_required, statement.position = logo_required, position
    for place in FundingStatement.Place.values:
        setattr(statement, place, places is None or place in places)
    if statement.logo_required and statement.logo and not statement.logo_alt:
        raise DomainError(_("Describe the logo for people who cannot see it."), field="logo_alt_lv",
                          code="required")
    statement.save()
    return statement
