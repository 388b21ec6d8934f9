"""Every write to projects. One transaction per call; a broken rule raises DomainError, nothing is saved."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError, require
from kopa.core.money import Currency, format_money, to_eur
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Organisation

from .models import Fund, FundingShare, FundingStatement, OutputIndicator, Partnership, Programme, Project, WorkPlanItem

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
}



def _check_period(start: date | None, end: date | None):
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")


def _check_amount(amount, field):
    if amount is not None and Decimal(amount) < 0:
        raise DomainError(_("An amount cannot be negative."), field=field, code="negative")


def _check_shares_fit(project: Project, *, replacing: FundingShare | None = None,
                      adding: tuple[Decimal | None, str, Decimal | None] | None = None):
    """The funds together cannot pay more than the project costs, nor more than 100 % of it.

    Amounts in the project's own currency are compared as entered; only a share in another currency is
    converted, so rounding each lats share to euro cents cannot refuse shares that add up exactly.
    """
    shares = [(s.amount, s.currency, s.percentage)
              for s in project.funding_shares.exclude(pk=getattr(replacing, "pk", None)).select_for_update()]
    if adding is not None:
        shares.append(adding)
    if sum((p for _a, _c, p in shares if p is not None), Decimal(0)) > 100:
        raise DomainError(_("The stated shares add up to more than 100 %."), field="percentage", code="over_total")
    if project.total_amount is None:
        return
    same = all(currency == project.total_currency for amount, currency, _p in shares if amount is not None)
    if same:
        funded = sum((a for a, _c, _p in shares if a is not None), Decimal(0))
        over = funded > project.total_amount
        funded_shown, total_shown = format_money(funded, project.total_currency), format_money(
            project.total_amount, project.total_currency)
    else:
        funded = sum((to_eur(a, c) for a, c, _p in shares if a is not None), Decimal(0))
        # Each converted share may be off by half a cent.
        over = funded - project.total_eur > Decimal("0.005") * len(shares)
        funded_shown, total_shown = format_money(funded), format_money(project.total_eur)
    if over:
        raise DomainError(
            _("The funding shares would add up to %(funded)s, more than the project's total budget of %(total)s.")
            % {"funded": funded_shown, "total": total_shown},
            field="amount",
            code="over_total",
        )


def _clean_fields(fields: dict) -> dict:
    """Empty text is stored as "", never NULL; a currency must be one we know."""
    for name in ("acronym", "agreement_number", "objective_lv", "objective_lt", "objective_en"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "total_currency" in fields and fields["total_currency"] not in Currency.values:
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
    by=None,
) -> FundingShare:
    """Record what a fund pays; refused when the funds together would exceed the project total."""
    require(by, "projects.change_fundingshare", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if currency not in Currency.values:
        raise DomainError(_("Unknown currency."), field="currency", code="invalid")
    _check_amount(amount, "amount")
    if percentage is not None and not (0 <= Decimal(percentage) <= 100):
        raise DomainError(_("A share is between 0 and 100 %."), field="percentage", code="invalid")
    existing = project.funding_shares.filter(fund=fund).first()
    _check_shares_fit(project, replacing=existing, adding=(amount, currency, percentage))
    share, _created = FundingShare.objects.update_or_create(
        project=project, fund=fund, defaults={"amount": amount, "currency": currency, "percentage": percentage}
    )
    return share


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
