"""Series (an activity's place in a network's seminars, a course, a cycle) and sessions (one activity on
several dates and in several places)."""

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.dates import STATED_DATE_FIELDS, apply_stated_dates
from kopa.core.errors import DomainError, require
from kopa.core.slugs import unique_slug
from kopa.core.translated import has_translation

from ..models import Activity, Series, Session
from ..models import kinds as kind_list
from ..refusals import require_coordinator_of

SERIES_FIELDS = {"kind", "project", "organiser", "planned_count", "name_lv", "name_lt", "name_en",
                 "description_lv", "description_lt", "description_en"}


@audited
def save_series(*, by=None, series: Series | None = None, topics=None, slug: str = "", **fields) -> Series:
    """Create or change a series; a coordinator of its project or organiser may do so."""
    unknown = set(fields) - SERIES_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if series is not None:
        series = Series.objects.select_for_update().get(pk=series.pk)
        require_coordinator_of(by, series.project, [series.organiser])  # of the series as it is …
    series = series or Series()
    for name, value in fields.items():
        setattr(series, name, value)
    require_coordinator_of(by, series.project, [series.organiser])  # … and as it will be
    if series.kind not in Series.Kind.values:
        raise DomainError(_("Unknown kind of series."), field="kind", code="invalid")
    if not has_translation(series, "name"):
        raise DomainError(_("The series needs a name."), field="name_lv", code="required")
    if series.planned_count is not None and series.planned_count < 1:
        raise DomainError(_("A series has at least one activity."), field="planned_count", code="invalid")
    if not series.slug:
        # "new" is the address of the page that makes a series.
        series.slug = unique_slug(Series, slug or series.name_en or series.name_lv or series.name_lt,
                                  fallback="series", reserved={"new"})
    series.save()
    if topics is not None:
        series.topics.set(topics)
    return series


@audited
def place_in_series(*, activity: Activity, series: Series | None, by=None, number: int | None = None,
                    marker: str = "") -> Activity:
    """Put an activity in a series with its number ("6th network seminar"), or take it out (series=None)."""
    require(by, "activities.change_activity", activity)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if marker not in Activity.SeriesMarker.values and marker != "":
        raise DomainError(_("Unknown marker."), field="series_marker", code="invalid")
    if number is not None and number < 1:
        raise DomainError(_("A number in a series is 1 or more."), field="series_number", code="invalid")
    if series is not None and number is not None:
        if series.planned_count and number > series.planned_count:
            raise DomainError(_("The series was planned with %(count)s activities.") % {"count": series.planned_count},
                              field="series_number", code="invalid")
        taken = Activity.objects.filter(series=series, series_number=number).exclude(pk=activity.pk).first()
        if taken is not None:
            raise DomainError(_("Number %(number)s of this series is already “%(title)s”.")
                              % {"number": number, "title": taken}, field="series_number", code="duplicate")
    activity.series = series
    activity.series_number = number if series is not None else None
    activity.series_marker = marker
    activity.save(update_fields=["series", "series_number", "series_marker"])
    return activity


def _check_session(session: Session) -> None:
    apply_stated_dates(session)
    activity = session.activity
    if session.start_date and activity.start_date and activity.end_date and not (
            activity.start_date <= session.start_date and session.end_date <= activity.end_date):
        raise DomainError(_("The session lies outside the dates of the activity."), field="start_date",
                          code="outside")
    if session.number is None or session.number < 1:
        raise DomainError(_("A session's number is 1 or more."), field="number", code="invalid")
    if Session.objects.filter(activity=activity, number=session.number).exclude(pk=session.pk).exists():
        raise DomainError(_("This activity already has a session number %(number)s.") % {"number": session.number},
                          field="number", code="duplicate")


SESSION_FIELDS = {"number", "title_lv", "title_lt", "title_en", "venue_lv", "venue_lt", "venue_en",
                  "host_municipality", "capacity", *STATED_DATE_FIELDS}


@audited
def add_session(*, activity: Activity, by=None, hosts=(), **fields) -> Session:
    """One date and place of an activity held several times (a seminar in five towns on five dates)."""
    require(by, "activities.change_activity", activity)
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    Activity.objects.select_for_update().get(pk=activity.pk)
    if "number" not in fields:
        fields["number"] = (activity.sessions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    session = Session(activity=activity, **fields)
    _check_session(session)
    session.save()
    session.hosts.set(hosts)
    return session


@audited
def update_session(*, session: Session, by=None, hosts=None, **fields) -> Session:
    require(by, "activities.change_activity", session.activity)
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    _check_session(session)
    session.save()
    if hosts is not None:
        session.hosts.set(hosts)
    return session


@audited
def remove_session(*, session: Session, by=None) -> None:
    require(by, "activities.change_activity", session.activity)
    if session.registrations.exists():
        raise DomainError(_("People are registered for this session; cancel their registrations first."),
                          code="in_use")
    session.delete()


@audited
def set_other_kinds(*, activity: Activity, kinds: list[str], by=None) -> Activity:
    """A meeting that is both a committee meeting and a seminar carries both kinds (its main one and these)."""
    require(by, "activities.change_activity", activity)
    unknown = [k for k in kinds if not kind_list.is_known(k)]
    if unknown:
        raise DomainError(_("Unknown kind of activity."), field="other_kinds", code="invalid")
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    activity.other_kinds = sorted(set(kinds) - {activity.kind})
    activity.save(update_fields=["other_kinds"])
    return activity
