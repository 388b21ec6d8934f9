"""What participants are told about their registrations (kopa.messaging): the placeholders' values for an
activity, in the recipient's language, and the messages the registration services queue."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopa.core.dates import stated_dates_text
from kopa.messaging import services as messaging


def _site(path: str) -> str:
    return settings.KOPA_SITE_URL.rstrip("/") + path


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
        "activity_link": _site(activity.get_absolute_url()),
    }


def accept_link(registration) -> str:
    return _site(reverse("activities:accept_offer", args=[registration.token]))


def seat_offered(registration) -> None:
    activity = registration.activity

    def values():
        deadline = timezone.localtime(registration.offer_expires_at)
        return activity_values(activity) | {
            "deadline": date_format(deadline, "DATETIME_FORMAT"), "accept_link": accept_link(registration)}

    messaging.queue("seat_offered", person=registration.person, activity=activity, context=values,
                    key=f"seat_offered:{registration.pk}:{registration.offer_expires_at:%Y%m%d%H%M%S}")


def offer_expired(registration) -> None:
    activity = registration.activity
    messaging.queue("offer_expired", person=registration.person, activity=activity,
                    context=lambda: activity_values(activity),
                    key=f"offer_expired:{registration.pk}:{registration.offer_expires_at:%Y%m%d%H%M%S}")


def registration_changed(registration, code: str) -> None:
    """Received / confirmed / waitlisted (with the place in the queue) / cancelled: told to the person."""
    activity = registration.activity

    def values():
        result = activity_values(activity)
        if code == "registration_waitlisted":
            from .services.waiting_list import waiting_list

            queue = list(waiting_list(activity).values_list("pk", flat=True))
            result["queue_position"] = queue.index(registration.pk) + 1 if registration.pk in queue else ""
        return result

    messaging.queue(code, person=registration.person, activity=activity, context=values)


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
    from kopa.messaging.services import build, store

    registrations = activity.registrations.filter(status__in=TOLD).select_related("person")
    outbox = [build("activity_changed", person=r.person, activity=activity,
                    context=lambda: activity_values(activity) | {"changes": _changes(activity, before)})
              for r in registrations]
    store(outbox)
    return len(outbox)


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
    from kopa.messaging.services import build, store

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
        ics = calendar([activity], activity.title, settings.KOPA_SITE_URL.rstrip("/")).decode()
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
