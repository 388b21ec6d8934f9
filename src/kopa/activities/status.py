"""How an activity's state reads, and the rules of time that follow from its dates. Real records are often entered
years later and nobody moves a status by hand: an activity whose days are certainly past reads as held, whatever
its stored status says. One rule each, used by pages, the API, documents and the services."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Activity, Registration

# Check-in opens this many days before the first day of the activity (or of the registration's session). 0: on
# the day itself only — a sign-in sheet filled in weeks ahead records nothing true. A deployment may set
# KOPA_CHECK_IN_DAYS_EARLY (e.g. 1 for arrivals the evening before); recording attendance afterwards is unaffected.
CHECK_IN_DAYS_EARLY = 0

# A shown status beside Activity.Status: open, but its registration deadline has passed (the organiser can still
# add latecomers; people can no longer sign themselves up).
REGISTRATION_CLOSED = "registration_closed"
REGISTRATION_CLOSED_LABEL = _("registration closed")


def has_taken_place(activity: Activity, today=None) -> bool:
    """Every day it may have been on is past (its latest bound); an undated activity is not assumed past."""
    today = today or timezone.localdate()
    return activity.end_date is not None and activity.end_date < today


def not_over(today=None) -> Q:
    """`has_taken_place` negated, as a filter of activities (undated ones are not over)."""
    return Q(end_date__isnull=True) | Q(end_date__gte=today or timezone.localdate())


def deadline_passed(activity: Activity, now=None) -> bool:
    return activity.registration_deadline is not None and (now or timezone.now()) > activity.registration_deadline


def shown_status(activity: Activity, today=None, now=None) -> str:
    """A provisional activity (announced, never confirmed) is not assumed to have taken place."""
    if activity.status in (Activity.Status.PLANNED, Activity.Status.OPEN) and has_taken_place(activity, today) \
            and not activity.provisional:
        return Activity.Status.HELD
    if activity.status == Activity.Status.OPEN and deadline_passed(activity, now):
        return REGISTRATION_CLOSED
    return activity.status


def shown_as_held(today=None) -> Q:
    """The activities `shown_status` shows as held, as a filter: recorded as held, or planned or open with every day
    past and not provisional."""
    return Q(status=Activity.Status.HELD) | (Q(status__in=(Activity.Status.PLANNED, Activity.Status.OPEN),
                                               provisional=False) & ~not_over(today))


def shown_status_label(activity: Activity, today=None) -> str:
    status = shown_status(activity, today)
    if status == REGISTRATION_CLOSED:
        return str(REGISTRATION_CLOSED_LABEL)
    return str(Activity.Status(status).label)


def self_sign_up_open(activity: Activity, now=None) -> bool:
    """People sign themselves up while registration is open and its deadline has not passed."""
    return activity.status == Activity.Status.OPEN and not deadline_passed(activity, now)


def _first_day(activity: Activity, session=None) -> date | None:
    if session is not None and session.start_date is not None:
        return session.start_date
    return activity.start_date


def _last_day(activity: Activity, session=None) -> date | None:
    if session is not None and session.end_date is not None:
        return session.end_date
    return activity.end_date


def check_in_opens(activity: Activity, session=None) -> date | None:
    """The first day on which people may be checked in; None when the activity has no date."""
    first = _first_day(activity, session)
    if first is None:
        return None
    return first - timedelta(days=getattr(settings, "KOPA_CHECK_IN_DAYS_EARLY", CHECK_IN_DAYS_EARLY))


def check_in_is_open(activity: Activity, session=None, today=None) -> bool:
    """From the first day (less the tolerance) on; an undated activity only once it is recorded as held."""
    opens = check_in_opens(activity, session)
    if opens is None:
        return activity.status in (Activity.Status.HELD, Activity.Status.CLOSED)
    return (today or timezone.localdate()) >= opens


def certificate_ready(registration: Registration, today=None) -> bool:
    """A certificate of attendance once attendance is recorded and the activity (the registration's session) has
    reached its last day, or its organiser has closed it; an undated one once it is recorded as held. The one rule
    for the PDF, the pages and the API."""
    if registration.status != Registration.Status.ATTENDED:
        return False
    activity = registration.activity
    if activity.status == Activity.Status.CLOSED:
        return True
    last = _last_day(activity, registration.session if registration.session_id else None)
    if last is None:
        return activity.status == Activity.Status.HELD
    return last <= (today or timezone.localdate())
