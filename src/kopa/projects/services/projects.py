"""Projects as texts describe them, started by coordinators; their partners, work plan and indicators."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.audit import audited, log_action
from kopa.core import money
from kopa.core.concurrency import check_unchanged
from kopa.core.dates import DatePrecision
from kopa.core.errors import DomainError, require
from kopa.core.names import VariantKind, name_key
from kopa.core.review import mark_added
from kopa.core.translated import has_translation
from kopa.directory.models import Organisation

from ..checks import (
    LikelyDuplicates,
    check_amount,
    check_indicator,
    check_period,
    check_project_shares_fit,
    check_work_plan_item,
    resolve_rate,
)
from ..dates import PERIOD_PRECISIONS, bound
from ..models import (
    OutputIndicator,
    Partnership,
    Programme,
    Project,
    ProjectAlias,
    ReportingPeriod,
    WorkPlanItem,
)
from ..queries import likely_duplicate_projects

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


def _add_name_variant(model, owner_field: str, owner, name: str, **fields):
    """A programme's or a project's other name, saved inside the service that adds it (which is audited)."""
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


def _log_related(instance, action: str, name: str, old, new) -> None:
    """A many-to-many set (topics, funds, donors) is written in bulk, which the audit does not see: said here, as
    the ids before and after, when they differ."""
    old = sorted(getattr(v, "pk", v) for v in old)
    new = sorted(getattr(v, "pk", v) for v in new)
    if old != new:
        log_action(instance, action, changes={name: {"old": old, "new": new}})


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
    check_period(project.start_date, project.end_date)
    if project.duration_months is not None and not 0 < int(project.duration_months) <= 600:
        raise DomainError(_("A duration is a number of months greater than zero."), field="duration_months",
                          code="invalid")


def _check_project(project: Project) -> None:
    if not has_translation(project, "title"):
        raise DomainError(_("The project needs a title."), field="title_lv", code="required")
    _apply_period(project)
    check_amount(project.total_amount, "total_amount")
    _set_total_rate(project)


def _becomes_coordinator(project: Project, by) -> None:
    """Whoever starts a project without being an administrator coordinates it from then on."""
    if by is None or by.is_superuser:
        return
    assign_role(user=by, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)
    for cached in ("_kopa_roles", "_kopa_partner_orgs"):  # the role cache of accounts.permissions
        by.__dict__.pop(cached, None)


@audited
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

        candidates = likely_duplicate_projects(
            titles=[project.title_lv, project.title_lt, project.title_en, *aliases], code=code,
            acronym=project.acronym)
        if candidates:
            raise LikelyDuplicates(candidates)
    mark_added(project, by)
    project.save()
    project.topics.set(topics)
    _log_related(project, "projects.create_project", "topics", [], topics)
    for alias in aliases:
        if (alias or "").strip():
            ProjectAlias.objects.create(project=project, name=alias.strip())
    _becomes_coordinator(project, by)
    return project


@audited
def update_project(*, project: Project, by=None, topics=None, loaded=None, **fields) -> Project:
    """`loaded`: the values the editing person saw (kopa.core.concurrency); if someone else changed one of them
    since, nothing is saved and EditConflict says what."""
    require(by, "projects.change_project", project)
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_unchanged(project, loaded, fields if topics is None else fields | {"topics": topics})
    _clean_fields(fields)
    if "code" in fields:
        fields["code"] = _check_code(fields["code"], project)
    for name, value in fields.items():
        setattr(project, name, value)
    _check_project(project)
    # A smaller total must still cover what the funds already pay.
    check_project_shares_fit(project)
    project.save()
    if topics is not None:
        old = list(project.topics.values_list("pk", flat=True))
        project.topics.set(topics)
        _log_related(project, "projects.update_project", "topics", old, topics)
    return project


PARTNER_FIELDS = {"budget_amount", "budget_currency", "budget_rate", "budget_share", "agreement_number",
                  "agreement_date"}


def _check_partner_fields(partnership: Partnership) -> None:
    check_amount(partnership.budget_amount, "budget_amount")
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


@audited
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


@audited
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


@audited
def add_work_plan_item(*, project: Project, by=None, activity_kind: str, title_lv: str = "", **fields) -> WorkPlanItem:
    require(by, "projects.add_workplanitem", project)
    item = WorkPlanItem(project=project, activity_kind=activity_kind, title_lv=title_lv, **fields)
    check_work_plan_item(item)
    item.save()
    return item


@audited
def add_indicator(
    *, project: Project, by=None, rule: str, target: Decimal, name_lv: str = "", **fields
) -> OutputIndicator:
    require(by, "projects.add_outputindicator", project)
    indicator = OutputIndicator(project=project, rule=rule, target=target, name_lv=name_lv, **fields)
    check_indicator(indicator)
    indicator.save()
    return indicator


@audited
def add_project_alias(*, project: Project, name: str, by=None, **fields) -> ProjectAlias:
    require(by, "projects.add_projectalias", project)
    return _add_name_variant(ProjectAlias, "project", project, name, **fields)


@audited
def add_reporting_period(*, project: Project, by=None, start_date: date, end_date: date,
                         report_due: date | None = None, number: int | None = None) -> ReportingPeriod:
    """A period the project reports on, numbered in order unless the funder's number is given."""
    require(by, "projects.change_project", project)
    if start_date is None or end_date is None:
        raise DomainError(_("A reporting period needs its start and its end."),
                          field="start_date" if start_date is None else "end_date", code="required")
    check_period(start_date, end_date)
    if (project.start_date and start_date < project.start_date) or (project.end_date and end_date > project.end_date):
        raise DomainError(_("A reporting period lies within the project's period."), field="start_date",
                          code="outside")
    if report_due is not None and report_due < start_date:
        raise DomainError(_("A report cannot be due before its period starts."), field="report_due", code="period")
    periods = project.reporting_periods.select_for_update()
    if number is None:
        number = (max((p.number for p in periods), default=0)) + 1
    elif number < 1 or any(p.number == number for p in periods):
        raise DomainError(_("This reporting period number is already used."), field="number", code="duplicate")
    return ReportingPeriod.objects.create(project=project, number=number, start_date=start_date, end_date=end_date,
                                          report_due=report_due)
