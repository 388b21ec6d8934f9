"""Writing an activity itself: its fields, status, programme, parallel groups and quotas."""


from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, is_administrator
from kopa.core.errors import DomainError, PermissionDenied, require
from kopa.core.translated import has_translation
from kopa.directory.models import Organisation

from ..models import Activity, Breakout, ProgrammeItem, Quota
from .registration import _lock, _offer_free_seats

ACTIVITY_FIELDS = {
    "kind",
    "title_lv",
    "title_lt",
    "title_en",
    "description_lv",
    "description_lt",
    "description_en",
    "project",
    "work_plan_item",
    "working_group",
    "start_date",
    "end_date",
    "date_note_lv",
    "date_note_lt",
    "date_note_en",
    "format",
    "venue_lv",
    "venue_lt",
    "venue_en",
    "online_link",
    "capacity",
    "quota_per_organisation",
    "registration_deadline",
    "offer_hours",
    "announced_by",
}


def _check(activity: Activity):
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")
    if not has_translation(activity, "title"):
        raise DomainError(_("The activity needs a title."), field="title_lv", code="required")
    if activity.announced_by_id and activity.announced_by_id == activity.pk:
        raise DomainError(_("An activity cannot announce itself."), field="announced_by", code="invalid")
    if activity.work_plan_item_id and activity.work_plan_item.project_id != activity.project_id:
        raise DomainError(_("The work plan item belongs to another project."), field="work_plan_item",
                          code="invalid")


@transaction.atomic
def create_activity(*, by=None, organisers: list[Organisation], hosts=(), host_municipalities=(), **fields) -> Activity:
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not organisers:
        raise DomainError(_("An activity needs at least one organiser."), field="organisers", code="required")
    if by is not None and not is_administrator(by):
        project = fields.get("project")
        coordinates_project = project is not None and by.has_perm("projects.change_project", project)
        coordinates_organiser = bool({o.pk for o in organisers} & coordinated_organisation_ids(by))
        if not (coordinates_project or coordinates_organiser):
            raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    activity = Activity(**fields)
    _check(activity)
    activity.save()
    activity.organisers.set(organisers)
    activity.hosts.set(hosts)
    activity.host_municipalities.set(host_municipalities)
    return activity


@transaction.atomic
def update_activity(
    *, activity: Activity, by=None, organisers=None, hosts=None, host_municipalities=None, **fields
) -> Activity:
    require(by, "activities.change_activity", activity)
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    activity = _lock(activity)
    if "project" in fields and fields["project"] != activity.project and by is not None:
        # Attendance counts towards a project's indicators: only its coordinators may attach activities to it.
        if fields["project"] is not None and not by.has_perm("projects.change_project", fields["project"]):
            raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    for name, value in fields.items():
        setattr(activity, name, value)
    _check(activity)
    activity.save()
    if {"capacity", "quota_per_organisation"} & set(fields) and activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
    if organisers is not None:
        if not organisers:
            raise DomainError(_("An activity needs at least one organiser."), field="organisers", code="required")
        activity.organisers.set(organisers)
    if hosts is not None:
        activity.hosts.set(hosts)
    if host_municipalities is not None:
        activity.host_municipalities.set(host_municipalities)
    return activity


@transaction.atomic
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
    return activity


@transaction.atomic
def add_programme_item(
    *, activity: Activity, by=None, day, title_lv: str = "", presenters=(), **fields
) -> ProgrammeItem:
    require(by, "activities.change_activity", activity)
    if not (activity.start_date <= day <= activity.end_date):
        raise DomainError(_("The day is outside the dates of the activity."), field="day", code="invalid")
    item = ProgrammeItem(activity=activity, day=day, title_lv=title_lv, **fields)
    if not has_translation(item, "title"):
        raise DomainError(_("The programme item needs a title."), field="title_lv", code="required")
    item.save()
    item.presenters.set(presenters)
    return item


@transaction.atomic
def add_breakout(*, activity: Activity, by=None, theme_lv: str = "", members=(), **fields) -> Breakout:
    require(by, "activities.change_activity", activity)
    breakout = Breakout(activity=activity, theme_lv=theme_lv, **fields)
    if not has_translation(breakout, "theme"):
        raise DomainError(_("The breakout needs a theme."), field="theme_lv", code="required")
    breakout.save()
    return breakout


@transaction.atomic
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
