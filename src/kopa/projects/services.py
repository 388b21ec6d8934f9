"""Every write to projects. One transaction per call; a broken rule raises DomainError, nothing is saved."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.core import money
from kopa.core.dates import STATED_DATE_FIELDS, DatePrecision, apply_stated_dates
from kopa.core.errors import DomainError, require
from kopa.core.files import document_validators
from kopa.core.money import Amount, Currency, amount_or_none
from kopa.core.names import VariantKind, name_key
from kopa.core.review import mark_added, mark_reviewed
from kopa.core.slugs import unique_slug
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Organisation

from .dates import PERIOD_PRECISIONS, bound
from .models import (
    CallForProposals,
    ExchangeRate,
    Fund,
    FundingShare,
    FundingStatement,
    Output,
    OutputAttachment,
    OutputIndicator,
    Partnership,
    Programme,
    ProgrammeAlias,
    ProgrammeAllocation,
    ProgrammeBody,
    ProgrammePriority,
    Project,
    ProjectAlias,
    ReportedAchievement,
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
    "start_precision",
    "end_precision",
    "duration_months",
    "associated_count_stated",
}


# Addresses of the programme pages themselves (programmes/new/, programmes/funds/…), never a programme's code.
RESERVED_PROGRAMME_CODES = ("new", "funds")


class LikelyDuplicates(DomainError):
    """A person is adding what may already exist; `candidates` are the likely ones, best first."""

    def __init__(self, candidates, message=None):
        super().__init__(message or _("This may already be recorded. Choose the existing entry, or confirm that it "
                                      "is a new one."), field=None, code="likely_duplicate")
        self.candidates = candidates



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
    if rate is not None and rate.currency != project.total_currency:
        rate = None  # the currency changed: its own latest rate, not the old currency's
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


def _check_code(code: str, project: Project | None = None) -> str:
    code = (code or "").strip()
    if code and Project.objects.filter(code=code).exclude(pk=getattr(project, "pk", None)).exists():
        raise DomainError(
            _("A project with the code %(code)s already exists.") % {"code": code}, field="code", code="duplicate"
        )
    return code


def _apply_period(project: Project) -> None:
    """What a text states of the period: each end to the day, month or year, one end only, or a duration."""
    for name in ("start_precision", "end_precision"):
        value = getattr(project, name) or DatePrecision.DAY
        if value not in PERIOD_PRECISIONS:
            raise DomainError(_("Unknown precision of the date."), field=name, code="invalid")
        setattr(project, name, value)
    project.start_date = bound(project.start_date, project.start_precision, end=False)
    project.end_date = bound(project.end_date, project.end_precision, end=True)
    _check_period(project.start_date, project.end_date)
    if project.duration_months is not None and not 0 < int(project.duration_months) <= 600:
        raise DomainError(_("A duration is a number of months greater than zero."), field="duration_months",
                          code="invalid")


def _check_project(project: Project) -> None:
    if not has_translation(project, "title"):
        raise DomainError(_("The project needs a title."), field="title_lv", code="required")
    _apply_period(project)
    _check_amount(project.total_amount, "total_amount")
    _set_total_rate(project)


def _becomes_coordinator(project: Project, by) -> None:
    """Whoever starts a project without being an administrator coordinates it from then on."""
    if by is None or by.is_superuser:
        return
    assign_role(user=by, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)
    for cached in ("_kopa_roles", "_kopa_partner_orgs"):  # the role cache of accounts.permissions
        by.__dict__.pop(cached, None)


@transaction.atomic
def create_project(*, by=None, code: str = "", title_lv: str = "", programme: Programme | None = None, topics=(),
                   aliases=(), confirm_new: bool = False, **fields) -> Project:
    """Start a project. A coordinator (not only an administrator) may, and becomes its programme coordinator; the
    project awaits an administrator's review. A person adding it is first shown likely duplicates (same or
    similar title, acronym, code or alias) and saves only with `confirm_new`; imports (by=None) are not asked."""
    require(by, "projects.add_project")
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    code = _check_code(code)
    project = Project(code=code, title_lv=title_lv, programme=programme, **_clean_fields(fields))
    _check_project(project)
    if by is not None and not confirm_new:
        from .queries import likely_duplicate_projects

        candidates = likely_duplicate_projects(
            titles=[project.title_lv, project.title_lt, project.title_en, *aliases], code=code,
            acronym=project.acronym)
        if candidates:
            raise LikelyDuplicates(candidates)
    mark_added(project, by)
    project.save()
    project.topics.set(topics)
    for alias in aliases:
        if (alias or "").strip():
            ProjectAlias.objects.create(project=project, name=alias.strip())
    _becomes_coordinator(project, by)
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
        fields["code"] = _check_code(fields["code"], project)
    for name, value in fields.items():
        setattr(project, name, value)
    _check_project(project)
    # A smaller total must still cover what the funds already pay.
    _check_shares_fit(project)
    project.save()
    if topics is not None:
        project.topics.set(topics)
    return project


PARTNER_FIELDS = {"budget_amount", "budget_currency", "budget_rate", "budget_share", "agreement_number",
                  "agreement_date"}


def _check_partner_fields(partnership: Partnership) -> None:
    _check_amount(partnership.budget_amount, "budget_amount")
    if partnership.budget_amount is not None:
        rate = partnership.budget_rate if partnership.budget_rate_id else None
        if rate is not None and rate.currency != partnership.budget_currency:
            rate = None
        partnership.budget_rate = resolve_rate(partnership.budget_currency, rate, field="budget_currency")
    else:
        if not money.is_known(partnership.budget_currency or ""):
            raise DomainError(_("Unknown currency."), field="budget_currency", code="invalid")
        partnership.budget_rate = None
    share = partnership.budget_share
    if share is not None and not (0 <= Decimal(share) <= 100):
        raise DomainError(_("A share is between 0 and 100 %."), field="budget_share", code="invalid")
    partnership.agreement_number = (partnership.agreement_number or "").strip()


@transaction.atomic
def add_partner(
    *, project: Project, organisation: Organisation, role: str, brought_in_by: Partnership | None = None, by=None,
    **fields,
) -> Partnership:
    """A partner with, where the text states them, its own budget, share and agreement (number and date)."""
    require(by, "projects.add_partnership", project)
    unknown = set(fields) - PARTNER_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
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
    partnership = Partnership(project=project, organisation=organisation, role=role, brought_in_by=brought_in_by,
                              **fields)
    _check_partner_fields(partnership)
    partnership.save()
    return partnership


@transaction.atomic
def update_partner(*, partnership: Partnership, by=None, **fields) -> Partnership:
    """Change a partner's own budget, share or agreement."""
    require(by, "projects.change_partnership", partnership.project)
    unknown = set(fields) - PARTNER_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    for name, value in fields.items():
        setattr(partnership, name, value)
    _check_partner_fields(partnership)
    partnership.save()
    return partnership


OUTPUT_FIELDS = {"description_lv", "description_lt", "description_en", *STATED_DATE_FIELDS}


@transaction.atomic
def add_output(*, project: Project, by=None, kind: str, title_lv: str = "", title_lt: str = "", title_en: str = "",
               topics=(), links=(), files=(), **fields) -> Output:
    """An output that is not an event (a guideline, a study, equipment …), dated as precisely as stated, with its
    links (`links`: (address, title) pairs) and files (`files`: (uploaded file, title) pairs)."""
    require(by, "projects.add_output", project)
    unknown = set(fields) - OUTPUT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if kind not in Output.Kind.values:
        raise DomainError(_("Unknown kind of output."), field="kind", code="invalid")
    fields.setdefault("date_precision", DatePrecision.UNKNOWN if not fields.get("start_date") else DatePrecision.DAY)
    output = Output(project=project, kind=kind, title_lv=title_lv, title_lt=title_lt, title_en=title_en, **fields)
    if not has_translation(output, "title"):
        raise DomainError(_("The output needs a title."), field="title_lv", code="required")
    for name in ("description_lv", "description_lt", "description_en"):
        setattr(output, name, getattr(output, name) or "")
    apply_stated_dates(output)
    attachments = []
    validate_url = URLValidator(schemes=["http", "https"])
    for url, title in links:
        try:
            validate_url(url or "")
        except ValidationError as error:
            raise DomainError(_("Enter a valid address (https://…)."), field="links", code="invalid") from error
        attachments.append(OutputAttachment(url=url, title=(title or "").strip()))
    for upload, title in files:
        for validator in document_validators:
            try:
                validator(upload)
            except ValidationError as error:
                raise DomainError(" ".join(error.messages), field="files", code="invalid") from error
        attachments.append(OutputAttachment(file=upload, title=(title or "").strip()))
    output.save()
    output.topics.set(topics)
    for position, attachment in enumerate(attachments):
        attachment.output, attachment.position = output, position
        attachment.save()
    return output


@transaction.atomic
def remove_output(*, output: Output, by=None) -> None:
    require(by, "projects.delete_output", output.project)
    output.delete()


@transaction.atomic
def add_achievement(*, project: Project, by=None, what_lv: str = "", what_lt: str = "", what_en: str = "",
                    value: int | None = None, qualifier: str = ReportedAchievement.Qualifier.EXACTLY,
                    text_lv: str = "", text_lt: str = "", text_en: str = "", source: str = "",
                    reported_on: date | None = None) -> ReportedAchievement:
    """A result as the project reports it ("reached more than 120 specialists"); never added to the indicators."""
    require(by, "projects.add_reportedachievement", project)
    if qualifier not in ReportedAchievement.Qualifier.values:
        raise DomainError(_("Unknown qualifier."), field="qualifier", code="invalid")
    if value is not None and int(value) < 0:
        raise DomainError(_("A number cannot be negative."), field="value", code="negative")
    achievement = ReportedAchievement(project=project, what_lv=what_lv, what_lt=what_lt, what_en=what_en,
                                      value=value, qualifier=qualifier, text_lv=text_lv, text_lt=text_lt,
                                      text_en=text_en, source=(source or "").strip(), reported_on=reported_on)
    if not has_translation(achievement, "what"):
        raise DomainError(_("Say what was achieved."), field="what_lv", code="required")
    achievement.save()
    return achievement


@transaction.atomic
def remove_achievement(*, achievement: ReportedAchievement, by=None) -> None:
    require(by, "projects.delete_reportedachievement", achievement.project)
    achievement.delete()


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


# Coordinators add programmes and funds; administrators review them -------------------------------------------


@transaction.atomic
def add_programme(*, by, names: dict[str, str], code: str = "", aliases=(), confirm_new: bool = False,
                  funds=(), start_year: int | None = None, end_year: int | None = None, website: str = "",
                  descriptions: dict[str, str] | None = None) -> Programme:
    """A programme a text names and Kopā lacks, added by any coordinator; shown as awaiting review. Likely
    duplicates (same code, similar name or alias) are refused with the candidates unless `confirm_new`."""
    require(by, "projects.add_programme")
    from .queries import likely_duplicate_programmes

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
    for alias in aliases:
        _add_alias(ProgrammeAlias, "programme", programme, alias)
    return programme


@transaction.atomic
def add_fund(*, by, code: str, names: dict[str, str], confirm_new: bool = False) -> Fund:
    require(by, "projects.add_fund")
    from .queries import likely_duplicate_funds

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


@transaction.atomic
def review_entry(*, entry: Programme | Fund | Project, by) -> None:
    """An administrator has checked an addition: it no longer says "not yet reviewed"."""
    require(by, "projects.review_entry", entry)
    mark_reviewed(entry, by)
    entry.save(update_fields=["reviewed_by", "reviewed_at"])


def _add_alias(model, owner_field: str, owner, name: str, **fields):
    name = (name or "").strip()
    if not name:
        raise DomainError(_("The name variant is empty."), field="name", code="required")
    if fields.get("kind", VariantKind.SPELLING) not in VariantKind.values:
        raise DomainError(_("Unknown kind of name variant."), field="kind", code="invalid")
    alias = model(**{owner_field: owner}, name=name, **fields)
    if model.objects.filter(**{owner_field: owner}, key=name_key(name)).exists():
        raise DomainError(_("This name variant is already recorded."), field="name", code="duplicate")
    alias.save()
    return alias


@transaction.atomic
def add_project_alias(*, project: Project, name: str, by=None, **fields) -> ProjectAlias:
    require(by, "projects.add_projectalias", project)
    return _add_alias(ProjectAlias, "project", project, name, **fields)


@transaction.atomic
def add_programme_alias(*, programme: Programme, name: str, by=None, **fields) -> ProgrammeAlias:
    require(by, "projects.change_programme", programme)
    return _add_alias(ProgrammeAlias, "programme", programme, name, **fields)


# A programme's own facts ---------------------------------------------------------------------------------------


@transaction.atomic
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
        programme.donors.set(donors)
    return programme


@transaction.atomic
def add_priority(*, programme: Programme, by=None, titles: dict[str, str], code: str = "",
                 position: int = 0) -> ProgrammePriority:
    require(by, "projects.change_programme", programme)
    priority = ProgrammePriority(programme=programme, code=(code or "").strip(), position=position)
    set_translations(priority, "title", titles or {})
    if not has_translation(priority, "title"):
        raise DomainError(_("The priority needs a title."), field="title_lv", code="required")
    priority.save()
    return priority


@transaction.atomic
def add_allocation(*, programme: Programme, by=None, amount: Decimal, currency: str = Currency.EUR,
                   rate: ExchangeRate | None = None, fund: Fund | None = None,
                   priority: ProgrammePriority | None = None, note: str = "") -> ProgrammeAllocation:
    require(by, "projects.change_programme", programme)
    if amount is None:
        raise DomainError(_("Give the amount."), field="amount", code="required")
    _check_amount(amount, "amount")
    if priority is not None and priority.programme_id != programme.pk:
        raise DomainError(_("That priority belongs to another programme."), field="priority", code="invalid")
    rate = resolve_rate(currency, rate)
    return ProgrammeAllocation.objects.create(programme=programme, amount=amount, currency=currency, rate=rate,
                                              fund=fund, priority=priority, note=(note or "").strip())


@transaction.atomic
def add_call(*, programme: Programme, by=None, titles: dict[str, str], start_date: date | None = None,
             end_date: date | None = None, amount: Decimal | None = None, currency: str = Currency.EUR,
             rate: ExchangeRate | None = None, url: str = "") -> CallForProposals:
    require(by, "projects.change_programme", programme)
    _check_period(start_date, end_date)
    _check_amount(amount, "amount")
    rate = resolve_rate(currency, rate) if amount is not None else None
    call = CallForProposals(programme=programme, start_date=start_date, end_date=end_date, amount=amount,
                            currency=currency, rate=rate, url=url or "")
    set_translations(call, "title", titles or {})
    if not has_translation(call, "title"):
        raise DomainError(_("The call needs a title."), field="title_lv", code="required")
    call.save()
    return call


@transaction.atomic
def add_programme_body(*, programme: Programme, organisation: Organisation, role: str, by=None) -> ProgrammeBody:
    """The managing authority, the joint secretariat … of a programme."""
    require(by, "projects.change_programme", programme)
    if role not in ProgrammeBody.Role.values:
        raise DomainError(_("Unknown role in the programme."), field="role", code="invalid")
    if ProgrammeBody.objects.filter(programme=programme, organisation=organisation, role=role).exists():
        raise DomainError(_("This is already recorded."), field="organisation", code="duplicate")
    return ProgrammeBody.objects.create(programme=programme, organisation=organisation, role=role)
