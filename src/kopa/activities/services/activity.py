"""Writing an activity itself: its fields, status, programme, parallel groups and quotas."""


from copy import copy
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids, is_administrator
from kopa.audit import audited, log_action
from kopa.core.concurrency import check_unchanged
from kopa.core.dates import (
    STATED_DATE_FIELDS,
    DatePrecision,
    apply_stated_dates,
    check_day_month,
    narrow_to_period,
)
from kopa.core.errors import DomainError, PermissionDenied, require
from kopa.core.translated import has_translation
from kopa.directory.models import Organisation

from .. import notices
from ..models import Activity, Breakout, Contributor, ProgrammeItem, Quota, Registration, kinds
from ..refusals import why_not_cancellable
from .contributors import add_contributor
from .registration import _lock, _offer_free_seats

TRANSLATED = ("title", "description", "purpose", "target_audience", "practical_arrangements", "date_note", "venue")
ACTIVITY_FIELDS = {
    "kind", "project", "work_plan_item", "working_group", "format", "online_link", "capacity",
    "quota_per_organisation", "registration_deadline", "offer_hours", "announced_by", "country", "of_programme",
    *STATED_DATE_FIELDS,
    *(f"{field}_{language}" for field in TRANSLATED for language in ("lv", "lt", "en")),
}


def _check(activity: Activity):
    project = activity.project
    from_project = (activity.date_precision == DatePrecision.DAY_MONTH and not (activity.year_from and activity.year_to)
                    and project is not None and project.start_date and project.end_date)
    if from_project:
        # "11 February" of a project's activity: it lies within the project's period, in no other year.
        activity.year_from, activity.year_to = project.start_date.year, project.end_date.year
    apply_stated_dates(activity)
    if from_project:
        narrow_to_period(activity, project.start_date, project.end_date)
        if activity.inferred_year and not activity.year_from <= activity.inferred_year <= activity.year_to:
            raise DomainError(_("The inferred year lies outside the years it may lie in."), field="inferred_year",
                              code="invalid")
    if not has_translation(activity, "title"):
        raise DomainError(_("The activity needs a title."), field="title_lv", code="required")
    if not kinds.is_known(activity.kind):
        raise DomainError(_("Unknown kind of activity."), field="kind", code="invalid")
    if activity.announced_by_id and activity.announced_by_id == activity.pk:
        raise DomainError(_("An activity cannot announce itself."), field="announced_by", code="invalid")
    if activity.work_plan_item_id and activity.work_plan_item.project_id != activity.project_id:
        raise DomainError(_("The work plan item belongs to another project."), field="work_plan_item",
                          code="invalid")
    deadline = activity.registration_deadline
    if deadline and activity.end_date and timezone.localdate(deadline) > activity.end_date:
        raise DomainError(_("The registration deadline is after the activity."), field="registration_deadline",
                          code="invalid")


def _require_recorder(by, project) -> None:
    """Who may record an activity: administrators and anyone who coordinates something — a text may name an
    organiser nobody in Kopā coordinates, or none — who then keeps access to it (`recorded_by`). Attaching it to a
    project stays with that project's coordinators: its attendance counts towards the project's indicators."""
    if by is None or is_administrator(by):
        return
    if project is not None and not by.has_perm("projects.change_project", project):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    if not (coordinated_project_ids(by) or coordinated_organisation_ids(by)):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")


def _ids(values) -> list:
    """The numbers of the rows a relation is set to (given as rows or as numbers)."""
    return sorted({getattr(value, "pk", value) for value in values})


def _keep_access(activity: Activity, by) -> None:
    if by is not None and not is_administrator(by):
        activity.recorded_by.add(by)


@audited
def create_activity(
    *, by=None, organisers=(), hosts=(), host_municipalities=(), topics=(), **fields
) -> Activity:
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisers = list(organisers)
    activity = Activity(**fields)
    _check(activity)  # what is wrong with the record is said first, on its fields
    _require_recorder(by, fields.get("project"))
    activity.save()
    _keep_access(activity, by)
    related = {"organisers": organisers, "hosts": list(hosts), "host_municipalities": list(host_municipalities),
               "topics": list(topics)}
    for name, values in related.items():
        getattr(activity, name).set(values)
    # Links between rows are not saves the audit sees: the entry says whom the record names.
    changes = {name: {"old": None, "new": _ids(values)} for name, values in related.items() if values}
    if changes:
        log_action(activity, "activities.create_activity", changes=changes, note="linked")
    return activity


@audited
def update_activity(
    *, activity: Activity, by=None, organisers=None, hosts=None, host_municipalities=None, topics=None, loaded=None,
    **fields
) -> Activity:
    """`loaded`: the values the editing person saw (kopa.core.concurrency); if someone else changed one of them
    since, nothing is saved and EditConflict says what."""
    require(by, "activities.change_activity", activity)
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    activity = _lock(activity)
    related = {"organisers": organisers, "hosts": hosts, "host_municipalities": host_municipalities, "topics": topics}
    check_unchanged(activity, loaded, fields | {name: value for name, value in related.items() if value is not None})
    if "project" in fields and fields["project"] != activity.project and by is not None:
        # Attendance counts towards a project's indicators: only its coordinators may attach activities to it.
        if fields["project"] is not None and not by.has_perm("projects.change_project", fields["project"]):
            raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    before = notices.watched_values(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    _check(activity)
    activity.save()
    notices.activity_changed(activity, before)
    if {"capacity", "quota_per_organisation"} & set(fields) and activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
    changes = {}
    for name, values in related.items():
        if values is None:
            continue
        values, manager = list(values), getattr(activity, name)
        old = sorted(manager.values_list("pk", flat=True))  # links are not saves the audit sees: read what was
        manager.set(values)
        if old != _ids(values):
            changes[name] = {"old": old, "new": _ids(values)}
    if changes:
        log_action(activity, "activities.update_activity", changes=changes, note="links changed")
    _keep_access(activity, by)
    return activity


@audited
def set_status(*, activity: Activity, status: str, by=None) -> Activity:
    """planned → open for registration → held → closed (closing goes through close_activity)."""
    require(by, "activities.change_activity", activity)
    if status not in Activity.Status.values:
        raise DomainError(_("Unknown status."), field="status", code="invalid")
    activity = _lock(activity)
    allowed = {
        Activity.Status.PLANNED: {Activity.Status.OPEN, Activity.Status.HELD},
        Activity.Status.OPEN: {Activity.Status.PLANNED, Activity.Status.HELD},
        Activity.Status.HELD: {Activity.Status.OPEN},
        Activity.Status.CLOSED: set(),
        Activity.Status.CANCELLED: set(),  # (people were told it will not take place; cancel_activity)
    }
    if status not in allowed[activity.status]:
        raise DomainError(
            _("An activity that is %(current)s cannot become %(new)s.")
            % {"current": activity.get_status_display(), "new": Activity.Status(status).label},
            field="status",
            code="transition",
        )
    activity.status = status
    activity.save(update_fields=["status"])
    if status == Activity.Status.HELD:
        notices.certificates_ready(activity)  # an undated activity's certificates come with "held"
    return activity


@audited
def cancel_activity(*, activity: Activity, by=None, reason: str = "") -> Activity:
    """Call the activity off before it takes place. Everyone who held a seat or waited for one is told once, with
    `reason`, and their registration ends (nobody holds a seat at an event that will not be); the registrations
    stay as the record of who had signed up. One that has taken place is its record and cannot be called off."""
    require(by, "activities.change_activity", activity)
    activity = _lock(activity)
    refusal = why_not_cancellable(activity)
    if refusal is not None:
        raise refusal
    told = list(activity.registrations.filter(status__in=notices.CANCELLED_TOLD).select_related("person"))
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status"])
    Registration.objects.filter(pk__in=[r.pk for r in told]).update(status=Registration.Status.CANCELLED,
                                                                    offer_expires_at=None)
    for registration in told:  # an update is not seen by the audit's watch on saves: say what it did
        changes = {"status": {"old": registration.status, "new": Registration.Status.CANCELLED}}
        if registration.offer_expires_at is not None:
            changes["offer_expires_at"] = {"old": registration.offer_expires_at, "new": None}
        log_action(registration, "activities.cancel_activity", changes=changes, note="activity cancelled")
    notices.activity_cancelled(activity, told, reason=reason.strip())
    return activity


@audited
def remove_programme_item(*, item: ProgrammeItem, by=None) -> None:
    """Take an item out of the programme (with its contributors and materials)."""
    require(by, "activities.change_activity", item.activity)
    gone = copy(item)  # delete() forgets the item's number; the entry below names it
    _count, removed = item.delete()
    removed.pop(ProgrammeItem._meta.label, None)
    if any(removed.values()):  # the cascade is not seen row by row: say what went with the item
        log_action(gone, "activities.remove_programme_item", note="also removed: " + ", ".join(
            f"{count} {label}" for label, count in sorted(removed.items()) if count))


def _programme_day(activity: Activity, day, fields: dict):
    """An item's day as precisely as the source gives it: a date, or a day and month when the year is not stated
    (becoming a date when the activity's own year is known: the text just did not repeat it). Checks `fields`'
    stated_day/stated_month in place and returns the day."""
    stated_day, stated_month = fields.get("stated_day"), fields.get("stated_month")
    if stated_day is None and stated_month is None:
        return day
    if day is not None:
        raise DomainError(_("Give either the day or the day and month, not both."), field="stated_day",
                          code="invalid")
    check_day_month(stated_day, stated_month, "stated_day")
    start, end = activity.start_date, activity.end_date
    if activity.date_precision == DatePrecision.DAY_MONTH:
        first = (activity.stated_month, activity.stated_day)
        last = (activity.stated_end_month or activity.stated_month, activity.stated_end_day or activity.stated_day)
        if not first <= (stated_month, stated_day) <= last:
            raise DomainError(_("The day is outside the dates of the activity."), field="stated_day",
                              code="invalid")
    elif start and end and start.year == end.year:
        fields["stated_day"] = fields["stated_month"] = None
        try:
            return date(start.year, stated_month, stated_day)
        except ValueError as error:  # 29 February in a year without it
            raise DomainError(_("That month has no such day."), field="stated_day", code="invalid") from error
    return None


@audited
def add_programme_item(
    *, activity: Activity, by=None, day=None, title_lv: str = "", presenters=(), topics=(), **fields
) -> ProgrammeItem:
    """A part of the programme; `day` may stay empty when the source does not say which day it was on.
    `presenters`: positions, each recorded as a presenter of the item (others through add_contributor)."""
    require(by, "activities.change_activity", activity)
    day = _programme_day(activity, day, fields)
    if day is not None and activity.start_date and not (activity.start_date <= day <= activity.end_date):
        raise DomainError(_("The day is outside the dates of the activity."), field="day", code="invalid")
    item = ProgrammeItem(activity=activity, day=day, title_lv=title_lv, **fields)
    if not has_translation(item, "title"):
        raise DomainError(_("The programme item needs a title."), field="title_lv", code="required")
    item.save()
    for position in presenters:
        add_contributor(activity=activity, by=by, role=Contributor.Role.PRESENTER, programme_item=item,
                        position=position)
    item.topics.set(topics)
    return item


@audited
def add_breakout(*, activity: Activity, by=None, theme_lv: str = "", topics=(), moderator=None, **fields) -> Breakout:
    """A parallel group; many sources give it no theme, so none is required. `moderator`: a person, recorded as
    the group's moderator (others through add_contributor)."""
    require(by, "activities.change_activity", activity)
    breakout = Breakout(activity=activity, theme_lv=theme_lv, **fields)
    breakout.save()
    if moderator is not None:
        add_contributor(activity=activity, by=by, role=Contributor.Role.MODERATOR, breakout=breakout,
                        person=moderator)
    breakout.topics.set(topics)
    return breakout


@audited
def set_quota(
    *, activity: Activity, organisation: Organisation, seats: int, breakout: Breakout | None = None, by=None
) -> Quota:
    require(by, "activities.manage_registrations", activity)
    if seats is None or seats < 0:
        raise DomainError(_("A quota is a number of seats, zero or more."), field="seats", code="invalid")
    activity = _lock(activity)
    if breakout is not None and breakout.activity_id != activity.pk:
        raise DomainError(_("That group belongs to another activity."), field="breakout", code="invalid")
    quota, _created = Quota.objects.update_or_create(
        activity=activity, organisation=organisation, breakout=breakout, defaults={"seats": seats}
    )
    if activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
    return quota
