"""What participants are told about their registrations (kopa.messaging): the placeholders' values for an
activity, in the recipient's language, and the messages the registration services queue. Organisers are told
here only of what a registration does to their seats (a quota used up, the activity full); the rest of what
organisers hear is kopa.messaging.organiser_notices."""

import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopa.core.dates import stated_dates_text
from kopa.core.links import site_url
from kopa.messaging import services as messaging


def place_text(activity) -> str:
    if activity.venue:
        return activity.venue
    if activity.format == activity.Format.ONLINE:
        return _("online")
    return _("place to be announced")


def activity_values(activity) -> dict:
    """Called in the recipient's language: the dates with their precision, the place, the links."""
    return {
        "activity": activity.title,
        "dates": stated_dates_text(activity, short=False),
        "place": place_text(activity),
        "online_link": activity.online_link,
        "activity_link": site_url(activity.get_absolute_url()),
    }


def accept_link(registration) -> str:
    return site_url(reverse("activities:accept_offer", args=[registration.token]))


def certificate_link(registration) -> str:
    return site_url(reverse("activities:certificate", args=[registration.activity_id, registration.pk]))


# A bulk action (confirm or cancel many) stores what its single steps queue in one insert: see together().
_batch = threading.local()


@contextmanager
def together():
    """The messages the notices below queue while this runs are stored at its end in one go (one insert, each
    kind's template looked up once), and not at all if it fails. Nested: the outermost stores them."""
    if getattr(_batch, "outbox", None) is not None:
        yield
        return
    _batch.outbox, _batch.templates = [], {}
    try:
        yield
        outbox = _batch.outbox
    finally:
        _batch.outbox = _batch.templates = None
    messaging.store(outbox)


def _store(outbox: list) -> int:
    """Store these messages now, or with the rest of a bulk action's (together()); how many are (to be) sent."""
    batch = getattr(_batch, "outbox", None)
    if batch is None:
        return len(messaging.store(outbox))
    batch.extend(outbox)
    return len(outbox)


def _queue(code: str, **kwargs) -> None:
    outbox = getattr(_batch, "outbox", None)
    if outbox is None:
        messaging.queue(code, **kwargs)
        return
    activity = kwargs.get("activity")
    found = (code, activity.pk if activity is not None else None)
    if found not in _batch.templates:
        _batch.templates[found] = _template(code, activity)
    outbox.append(messaging.build(code, template=_batch.templates[found], **kwargs))


def seat_offered(registration) -> None:
    activity = registration.activity

    def values():
        deadline = timezone.localtime(registration.offer_expires_at)
        return activity_values(activity) | {
            "deadline": date_format(deadline, "DATETIME_FORMAT"), "accept_link": accept_link(registration)}

    _queue("seat_offered", person=registration.person, activity=activity, context=values,
           key=f"seat_offered:{registration.pk}:{registration.offer_expires_at:%Y%m%d%H%M%S}")


def offer_expired(registration) -> None:
    activity = registration.activity
    _queue("offer_expired", person=registration.person, activity=activity,
           context=lambda: activity_values(activity),
           key=f"offer_expired:{registration.pk}:{registration.offer_expires_at:%Y%m%d%H%M%S}")


def registration_changed(registration, code: str) -> None:
    """Received / confirmed / waitlisted (with the place in the queue) / cancelled: told to the person."""
    activity = registration.activity

    def values():
        result = activity_values(activity)
        if code == "registration_waitlisted":
            from .waiting_list import waiting_list

            queue = list(waiting_list(activity).values_list("pk", flat=True))
            result["queue_position"] = queue.index(registration.pk) + 1 if registration.pk in queue else ""
        return result

    _queue(code, person=registration.person, activity=activity, context=values)


# A new registration is told as what it became: one message, never "received" and "confirmed" both.
RECORDED = {"pending": "registration_received", "confirmed": "registration_confirmed",
            "waitlisted": "registration_waitlisted"}


def registration_recorded(registration) -> None:
    """A sign-up told to the person: confirmed, on the waiting list (with the place in the queue), or received
    while its seat awaits the organiser's confirmation (pending)."""
    code = RECORDED.get(registration.status)
    if code is not None:
        registration_changed(registration, code)


# Told to everyone who holds a seat (not those who cancelled, not those still waiting).
TOLD = ("confirmed", "pending")
WATCHED = ("start_date", "end_date", "venue_lv", "venue_lt", "venue_en", "online_link", "format")


def watched_values(activity) -> dict:
    return {name: getattr(activity, name) for name in WATCHED}


def _changes(activity, before: dict) -> str:
    lines = []
    if (before["start_date"], before["end_date"]) != (activity.start_date, activity.end_date):
        lines.append(_("Dates: %(dates)s") % {"dates": stated_dates_text(activity, short=False)})
    if any(before[f"venue_{code}"] != getattr(activity, f"venue_{code}") for code in ("lv", "lt", "en")) or \
            before["format"] != activity.format:
        lines.append(_("Place: %(place)s") % {"place": place_text(activity)})
    if before["online_link"] != activity.online_link:
        lines.append(_("Online link: %(link)s") % {"link": activity.online_link or "—"})
    return "\n".join(lines)


def activity_changed(activity, before: dict) -> int:
    """A change of date, place or online link reaches everyone holding a seat; returns how many were told."""
    if watched_values(activity) == before:
        return 0
    from kopa.messaging.compose import build
    from kopa.messaging.services import store

    registrations = activity.registrations.filter(status__in=TOLD).select_related("person")
    outbox = [build("activity_changed", person=r.person, activity=activity,
                    context=lambda: activity_values(activity) | {"changes": _changes(activity, before)})
              for r in registrations]
    store(outbox)
    return len(outbox)


def _template(code: str, activity):
    """The organiser's wording of `code` for this activity (or its project), read once for a whole outbox."""
    from kopa.messaging.compose import template_for

    return template_for(code, activity, None)


# Told that the activity will not take place: everyone who held a seat or waited for one.
CANCELLED_TOLD = ("confirmed", "pending", "waitlisted")


def activity_cancelled(activity, registrations, reason: str = "") -> int:
    """Each of `registrations` (those who held a seat or waited, read before they were cancelled) is told once
    that the activity will not take place, with the organiser's reason; returns how many messages were queued."""
    template = _template("activity_cancelled", activity)
    outbox = [messaging.build("activity_cancelled", person=r.person, activity=activity, template=template,
                              key=f"activity_cancelled:{r.pk}",
                              context=lambda: activity_values(activity) | {"reason": reason})
              for r in registrations if not r.sample]
    return _store(outbox)


def _certificate_key(registration) -> str:
    return f"certificate_ready:{registration.pk}"


def certificates_ready(activity, ids=None, today=None) -> int:
    """Those whose certificate of attendance has become available (status.certificate_ready: attended, and the
    activity or their session over, or closed) are told once each, with its link. `ids`: the registrations whose
    attendance was just recorded (by default all who attended). Returns how many were told now."""
    from kopa.messaging.models import Message

    from .models import Registration
    from .status import certificate_ready

    rows = Registration.objects.filter(activity=activity, status=Registration.Status.ATTENDED, sample=False)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    rows = list(rows.select_related("person", "session"))
    if not rows:
        return 0
    told = set(Message.objects.filter(key__in=[_certificate_key(r) for r in rows]).values_list("key", flat=True))
    ready = []
    for registration in rows:
        registration.activity = activity  # the caller's (locked, current) activity decides
        if _certificate_key(registration) not in told and certificate_ready(registration, today):
            ready.append(registration)
    if not ready:
        return 0
    template = _template("certificate_ready", activity)
    outbox = [messaging.build("certificate_ready", person=r.person, activity=activity, template=template,
                              key=_certificate_key(r),
                              context=lambda r=r: activity_values(activity) | {"certificate_link": certificate_link(r)})
              for r in ready]
    return _store(outbox)


# How far back the scheduler looks for activities whose last day has passed since people were checked in.
CERTIFICATE_LOOKBACK = timedelta(days=14)


def send_certificates(now) -> int:
    """Run from the scheduler: a certificate that became available as time passed (people checked in on the first
    day of a visit of several days, whose last day has now come) is told once. Each activity in its own
    transaction; run as often as wanted."""
    from django.db import transaction

    from .models import Activity, Registration

    today = timezone.localdate(now)
    activities = Activity.objects.filter(
        registrations__status=Registration.Status.ATTENDED, registrations__sample=False,
        end_date__gte=today - CERTIFICATE_LOOKBACK, start_date__lte=today,
    ).exclude(status=Activity.Status.CANCELLED).distinct().order_by("pk")
    count = 0
    for activity in activities:
        with transaction.atomic():
            count += certificates_ready(activity, today=today)
    return count


def seats_used_up(registration, *, quota: bool, full: bool) -> int:
    """The activity's organisers hear that this registration took the last seat of its organisation's quota
    (`quota`) or of the whole activity (`full`): once per activity and organisation, and once for the activity."""
    if not (quota or full) or registration.sample:
        return 0
    from kopa.messaging.organiser_notices import organisers_of  # who may manage the activity's registrations

    activity, organisation = registration.activity, registration.organisation
    told = []
    if quota:
        told.append(("quota_reached", f"quota_reached:{activity.pk}:{organisation.pk}",
                     lambda: {"organisation": str(organisation)}))
    if full:
        told.append(("activity_full", f"activity_full:{activity.pk}", lambda: {"capacity": activity.capacity}))
    outbox = [messaging.build(code, user=user, activity=activity, template=None, key=f"{key}:{user.pk}",
                              context=lambda extra=extra: activity_values(activity) | extra())
              for user in organisers_of(activity) for code, key, extra in told]
    return _store(outbox)


def _programme(activity) -> str:
    lines = []
    for item in activity.programme.all():
        when = " ".join(filter(None, [date_format(item.day, "SHORT_DATE_FORMAT") if item.day else "",
                                      item.start_time.strftime("%H:%M") if item.start_time else ""]))
        lines.append(f"{when} {item.title}".strip())
    return "\n".join(lines) or "—"


def reminder_days() -> list[int]:
    return sorted(settings.KOPA_REMINDER_DAYS)


def send_reminders(now) -> int:
    """Reminders before activities: at each configured distance (e.g. 7 and 1 days before) once per seat. Run as
    often as wanted: a reminder's key is its registration and distance, so nobody is reminded twice."""
    from kopa.messaging.compose import build
    from kopa.messaging.services import store

    from .calendar import calendar
    from .models import Activity, Registration

    today = timezone.localdate(now)
    days = reminder_days()
    if not days:
        return 0
    activities = Activity.objects.filter(
        status__in=(Activity.Status.OPEN, Activity.Status.PLANNED), start_date__gte=today,
        start_date__lte=today + timedelta(days=max(days)), date_precision__in=("day", "days"),
    ).prefetch_related("programme")
    count = 0
    for activity in activities:
        ahead = (activity.start_date - today).days
        distance = min(d for d in days if d >= ahead)
        ics = calendar([activity], activity.title, site_url()).decode()
        outbox = []
        for registration in Registration.objects.filter(activity=activity, status=Registration.Status.CONFIRMED
                                                        ).select_related("person"):
            outbox.append(build(
                "reminder", person=registration.person, activity=activity,
                key=f"reminder:{registration.pk}:{distance}",
                context=lambda activity=activity, ahead=ahead: activity_values(activity) | {
                    "programme": _programme(activity), "days": ahead},
                attachments=[{"name": "kopa.ics", "content": ics, "mimetype": "text/calendar"}]))
        count += len(store(outbox))
    return count
