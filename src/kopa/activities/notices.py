"""What participants are told about their registrations (kopa.messaging): the placeholders' values for an
activity, in the recipient's language, and the messages the registration services queue."""

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
