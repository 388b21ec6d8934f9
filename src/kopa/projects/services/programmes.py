"""Programmes and funds: added by coordinators and reviewed by administrators, with their own facts."""

from datetime import date
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require
from kopa.core.money import Currency
from kopa.core.review import mark_added, mark_reviewed
from kopa.core.slugs import unique_slug
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Organisation

from ..checks import RESERVED_PROGRAMME_CODES, LikelyDuplicates, check_amount, check_period, resolve_rate
from ..models import (
    CallForProposals,
    ExchangeRate,
    Fund,
    FundingStatement,
    Programme,
    ProgrammeAlias,
    ProgrammeAllocation,
    ProgrammeBody,
    ProgrammePriority,
    Project,
)
from ..queries import likely_duplicate_funds, likely_duplicate_programmes
from .projects import _add_name_variant, _log_related


@audited
def save_fund(*, code: str, names: dict[str, str]) -> Fund:
    fund = Fund.objects.filter(code=code).first() or Fund(code=code)
    set_translations(fund, "name", names)
    fund.save()
    return fund


@audited
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
    old = list(programme.funds.values_list("pk", flat=True))
    programme.funds.add(*funds)
    _log_related(programme, "projects.save_programme", "funds", old, {*old, *(f.pk for f in funds)})
    if funding_statements:
        save_funding_statement(programme=programme, key="funding", texts=funding_statements)
    return programme


@audited
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


# Coordinators add programmes and funds; administrators review them -------------------------------------------


@audited
def add_programme(*, by, names: dict[str, str], code: str = "", aliases=(), confirm_new: bool = False,
                  funds=(), start_year: int | None = None, end_year: int | None = None, website: str = "",
                  descriptions: dict[str, str] | None = None) -> Programme:
    """A programme a text names and Kopā lacks, added by any coordinator; shown as awaiting review. Likely
    duplicates (same code, similar name or alias) are refused with the candidates unless `confirm_new`."""
    require(by, "projects.add_programme")
    names = {k: (v or "").strip() for k, v in (names or {}).items() if (v or "").strip()}
    if not names:
        raise DomainError(_("The programme needs a name."), field="name_lv", code="required")
    if start_year and end_year and end_year < start_year:
        raise DomainError(_("The end date is before the start date."), field="end_year", code="period")
    code = slugify(code or "")
    if code and (code in RESERVED_PROGRAMME_CODES or Programme.objects.filter(code=code).exists()):
        raise DomainError(_("A programme with the code %(code)s already exists.") % {"code": code}, field="code",
                          code="duplicate")
    if by is not None and not confirm_new:
        candidates = likely_duplicate_programmes(names=[*names.values(), *aliases], code=code)
        if candidates:
            raise LikelyDuplicates(candidates)
    programme = Programme(code=code or unique_slug(Programme, next(iter(names.values())), fallback="programme",
                                                   field="code", reserved=RESERVED_PROGRAMME_CODES),
                          start_year=start_year, end_year=end_year, website=website or "")
    set_translations(programme, "name", names)
    if descriptions:
        set_translations(programme, "description", descriptions)
    mark_added(programme, by)
    programme.save()
    programme.funds.add(*funds)
    _log_related(programme, "projects.add_programme", "funds", [], funds)
    for alias in aliases:
        _add_name_variant(ProgrammeAlias, "programme", programme, alias)
    return programme


@audited
def add_fund(*, by, code: str, names: dict[str, str], confirm_new: bool = False) -> Fund:
    require(by, "projects.add_fund")
    code = (code or "").strip()
    names = {k: (v or "").strip() for k, v in (names or {}).items() if (v or "").strip()}
    if not code:
        raise DomainError(_("The fund needs its code (ERDF, NFM …)."), field="code", code="required")
    if not names:
        raise DomainError(_("The fund needs a name."), field="name_lv", code="required")
    if Fund.objects.filter(code__iexact=code).exists():
        raise DomainError(_("A fund with the code %(code)s already exists.") % {"code": code}, field="code",
                          code="duplicate")
    if by is not None and not confirm_new:
        candidates = likely_duplicate_funds(names=list(names.values()), code=code)
        if candidates:
            raise LikelyDuplicates(candidates)
    fund = Fund(code=code)
    set_translations(fund, "name", names)
    mark_added(fund, by)
    fund.save()
    return fund


@audited
def review_entry(*, entry: Programme | Fund | Project, by) -> None:
    """An administrator has checked an addition: it no longer says "not yet reviewed"."""
    require(by, "projects.review_entry", entry)
    mark_reviewed(entry, by)
    entry.save(update_fields=["reviewed_by", "reviewed_at"])


@audited
def add_programme_alias(*, programme: Programme, name: str, by=None, **fields) -> ProgrammeAlias:
    require(by, "projects.change_programme", programme)
    return _add_name_variant(ProgrammeAlias, "programme", programme, name, **fields)


# A programme's own facts ---------------------------------------------------------------------------------------


@audited
def update_programme(*, programme: Programme, by=None, descriptions: dict[str, str] | None = None,
                     donors=None, website: str | None = None, start_year=None, end_year=None) -> Programme:
    require(by, "projects.change_programme", programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if descriptions is not None:
        set_translations(programme, "description", descriptions)
    if website is not None:
        programme.website = website
    if start_year is not None:
        programme.start_year = start_year
    if end_year is not None:
        programme.end_year = end_year
    if programme.start_year and programme.end_year and programme.end_year < programme.start_year:
        raise DomainError(_("The end date is before the start date."), field="end_year", code="period")
    programme.save()
    if donors is not None:
        old = list(programme.donors.values_list("pk", flat=True))
        programme.donors.set(donors)
        _log_related(programme, "projects.update_programme", "donors", old, donors)
    return programme


@audited
def add_priority(*, programme: Programme, by=None, titles: dict[str, str], code: str = "",
                 position: int = 0) -> ProgrammePriority:
    require(by, "projects.change_programme", programme)
    priority = ProgrammePriority(programme=programme, code=(code or "").strip(), position=position)
    set_translations(priority, "title", titles or {})
    if not has_translation(priority, "title"):
        raise DomainError(_("The priority needs a title."), field="title_lv", code="required")
    priority.save()
    return priority


@audited
def add_allocation(*, programme: Programme, by=None, amount: Decimal, currency: str = Currency.EUR,
                   rate: ExchangeRate | None = None, fund: Fund | None = None,
                   priority: ProgrammePriority | None = None, note: str = "") -> ProgrammeAllocation:
    require(by, "projects.change_programme", programme)
    if amount is None:
        raise DomainError(_("Give the amount."), field="amount", code="required")
    check_amount(amount, "amount")
    if priority is not None and priority.programme_id != programme.pk:
        raise DomainError(_("That priority belongs to another programme."), field="priority", code="invalid")
    rate = resolve_rate(currency, rate)
    return ProgrammeAllocation.objects.create(programme=programme, amount=amount, currency=currency, rate=rate,
                                              fund=fund, priority=priority, note=(note or "").strip())


@audited
def add_call(*, programme: Programme, by=None, titles: dict[str, str], start_date: date | None = None,
             end_date: date | None = None, amount: Decimal | None = None, currency: str = Currency.EUR,
             rate: ExchangeRate | None = None, url: str = "") -> CallForProposals:
    require(by, "projects.change_programme", programme)
    check_period(start_date, end_date)
    check_amount(amount, "amount")
    rate = resolve_rate(currency, rate) if amount is not None else None
    call = CallForProposals(programme=programme, start_date=start_date, end_date=end_date, amount=amount,
                            currency=currency, rate=rate, url=url or "")
    set_translations(call, "title", titles or {})
    if not has_translation(call, "title"):
        raise DomainError(_("The call needs a title."), field="title_lv", code="required")
    call.save()
    return call


@audited
def add_programme_body(*, programme: Programme, organisation: Organisation, role: str, by=None) -> ProgrammeBody:
    """The managing authority, the joint secretariat … of a programme."""
    require(by, "projects.change_programme", programme)
    if role not in ProgrammeBody.Role.values:
        raise DomainError(_("Unknown role in the programme."), field="role", code="invalid")
    if ProgrammeBody.objects.filter(programme=programme, organisation=organisation, role=role).exists():
        raise DomainError(_("This is already recorded."), field="organisation", code="duplicate")
    return ProgrammeBody.objects.create(programme=programme, organisation=organisation, role=role)
