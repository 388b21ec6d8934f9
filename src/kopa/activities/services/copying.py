"""Copy an activity for a new date ("the same study visit next year"): what was planned comes along, what
happened does not. Every part is written through its own service, so a copy obeys the rules a new record does."""

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.dates import DatePrecision, day_is_known
from kopa.core.errors import DomainError, require
from kopa.projects.models import Project

from ..models import Activity, Contributor
from .activity import add_breakout, add_programme_item, create_activity, set_quota
from .contributors import add_contributor
from .sequence import add_session, set_other_kinds

LANGUAGES = ("lv", "lt", "en")
# What the organisers planned. Not copied: registrations, attendance, outcomes, minutes, photos, votes, awards,
# headcounts and participation records (what happened), its place in a series (the copy is a new number), the
# online link and the note on the date (both belong to the old date).
PLANNED = ("kind", "format", "capacity", "quota_per_organisation", "offer_hours", "working_group", "country",
           "of_programme", "work_plan_item")
TRANSLATED = ("title", "description", "purpose", "target_audience", "practical_arrangements", "venue")
CONTRIBUTOR_FIELDS = ("role", "position", "person", "organisation", "name_as_written", "office_lv", "office_lt",
                      "office_en", "description_lv", "description_lt", "description_en", "order")


@audited
def copy_activity(*, activity: Activity, by, start_date: date, end_date: date | None = None,
                  into: Project | None = None) -> Activity:
    """A planned copy on `start_date` (to `end_date`, or as many days as the original). Its programme, sessions and
    registration deadline move by as many days as the start does, where the original's days are known. `into`: the
    project the copy belongs to (by default the original's, if `by` coordinates it)."""
    require(by, "activities.change_activity", activity)
    if into is not None:
        require(by, "projects.change_project", into)
    if start_date is None:
        raise DomainError(_("Give the first day of the copy."), field="start_date", code="required")
    known = day_is_known(activity)
    length = (activity.end_date - activity.start_date) if known and activity.end_date else timedelta(0)
    end_date = end_date or start_date + length
    shift = (start_date - activity.start_date) if known else None
    project = into or activity.project
    if project is not None and by is not None and not by.has_perm("projects.change_project", project):
        project = None  # the copy is theirs; a project's activities are attached by its coordinators
    fields = {name: getattr(activity, name) for name in PLANNED}
    if project is None or project.pk != activity.project_id:
        fields["work_plan_item"] = None  # a work plan item is of the original's project
    for name in TRANSLATED:
        fields.update({f"{name}_{code}": getattr(activity, f"{name}_{code}") for code in LANGUAGES})
    deadline = activity.registration_deadline
    copy = create_activity(
        by=by, project=project, date_precision=DatePrecision.DAY, start_date=start_date, end_date=end_date,
        registration_deadline=deadline + shift if deadline and shift is not None else None,
        organisers=list(activity.organisers.all()), hosts=list(activity.hosts.all()),
        host_municipalities=list(activity.host_municipalities.all()), topics=list(activity.topics.all()), **fields)
    if activity.other_kinds:
        set_other_kinds(activity=copy, kinds=list(activity.other_kinds), by=by)
    _copy_parts(activity, copy, by, shift)
    return copy


def _moved(day, shift):
    return day + shift if day is not None and shift is not None else None


def _copy_parts(activity: Activity, copy: Activity, by, shift) -> None:
    items = {}
    for item in activity.programme.prefetch_related("topics").order_by("pk"):
        items[item.pk] = add_programme_item(
            activity=copy, by=by, day=_moved(item.day, shift), title_lv=item.title_lv, title_lt=item.title_lt,
            title_en=item.title_en, start_time=item.start_time, end_time=item.end_time, kind=item.kind,
            place=item.place, place_text_lv=item.place_text_lv, place_text_lt=item.place_text_lt,
            place_text_en=item.place_text_en, position=item.position, provisional=item.provisional,
            topics=list(item.topics.all()))
    breakouts = {}
    for breakout in activity.breakouts.prefetch_related("topics").order_by("pk"):
        # The group's theme and seats; its result is what happened.
        breakouts[breakout.pk] = add_breakout(
            activity=copy, by=by, theme_lv=breakout.theme_lv, theme_lt=breakout.theme_lt,
            theme_en=breakout.theme_en, capacity=breakout.capacity, topics=list(breakout.topics.all()))
    for contributor in Contributor.objects.filter(activity=activity).order_by("pk"):
        add_contributor(activity=copy, by=by, programme_item=items.get(contributor.programme_item_id),
                        breakout=breakouts.get(contributor.breakout_id),
                        **{name: getattr(contributor, name) for name in CONTRIBUTOR_FIELDS})
    for quota in activity.quotas.all():
        set_quota(activity=copy, by=by, organisation=quota.organisation, seats=quota.seats,
                  breakout=breakouts.get(quota.breakout_id))
    for session in activity.sessions.prefetch_related("hosts").order_by("number"):
        dates = {"date_precision": DatePrecision.DAY, "start_date": _moved(session.start_date, shift),
                 "end_date": _moved(session.end_date, shift)} if shift is not None and day_is_known(session) \
            else {"date_precision": DatePrecision.UNKNOWN}
        add_session(activity=copy, by=by, hosts=list(session.hosts.all()), number=session.number,
                    host_municipality=session.host_municipality, capacity=session.capacity,
                    **{f"{n}_{c}": getattr(session, f"{n}_{c}") for n in ("title", "venue") for c in LANGUAGES},
                    **dates)


def _shifted(day: date, *, years: int = 0, months: int = 0, days: int = 0) -> date | None:
    """`day` moved by a calendar offset ("+1 year" keeps 14 May on 14 May); None where that day does not exist
    (29 February a year later, 31 January a month later): a copy is never put on a day nobody chose."""
    month = day.month - 1 + months + 12 * years
    try:
        return date(day.year + month // 12, month % 12 + 1, day.day) + timedelta(days=days)
    except ValueError:
        return None


@audited
def copy_plan(*, activities, into: Project, by, years: int = 0, months: int = 0, days: int = 0) -> list[Activity]:
    """Copy several activities of a project (its plan) into `into` — another project, or the same one for a new
    year — each by copy_activity with its dates moved by the offset. All or nothing: one refused copy (a day that
    does not exist after the shift, an activity with no known day, one `by` may not change) refuses them all."""
    require(by, "projects.change_project", into)
    activities = list(activities)
    if not activities:
        raise DomainError(_("Choose at least one activity to copy."), field="activities", code="required")
    copies = []
    for activity in activities:
        if not day_is_known(activity):
            raise DomainError(_("%(activity)s has no known day to move: untick it, or give its dates first.")
                              % {"activity": activity}, field="activities", code="no_day")
        start = _shifted(activity.start_date, years=years, months=months, days=days)
        end = _shifted(activity.end_date or activity.start_date, years=years, months=months, days=days)
        if start is None or end is None:
            moved = activity.start_date if start is None else activity.end_date
            raise DomainError(
                _("Moved by the offset, %(date)s of %(activity)s falls on a day that does not exist.")
                % {"date": date_format(moved, "SHORT_DATE_FORMAT"), "activity": activity},
                field="years", code="no_such_day")
        try:
            copies.append(copy_activity(activity=activity, by=by, start_date=start, end_date=end, into=into))
        except DomainError as error:
            raise type(error)(_("%(activity)s: %(error)s") % {"activity": activity, "error": error.message},
                              field=None, code=error.code) from error
    return copies
