"""What a kind of message would look like, with real data: for an activity, as a real registrant of it would
receive it (the first confirmed registration, else any); for a project, with its latest activity. Placeholders
that only the moment of sending knows (an offer's deadline, a place in the queue, a certificate's link …) get
sample values. Nothing here is saved: `preview` returns an unsaved Message."""

import copy
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopa.core.links import site_url

from .compose import build
from .kinds import KINDS
from .models import Message, MessageTemplate

SAMPLE_NAME = ("Anna", "Paraudziņa")



def sample_values(activity=None) -> dict:
    """Values for every placeholder a kind may offer, called in the recipient's language; the activity's own
    values (title, dates with their precision, place, links, programme) where there is one."""
    from kopa.activities import notices

    now = timezone.localtime()
    closes = date_format(timezone.localdate() + timedelta(days=14), "DATE_FORMAT")
    if activity is not None:
        values = notices.activity_values(activity)
        programme = notices._programme(activity)
        changes = _("Place: %(place)s") % {"place": values["place"]}
    else:
        day = timezone.localdate() + timedelta(days=30)
        values = {
            "activity": _("Sample activity"),
            "dates": date_format(day, "DATE_FORMAT"),
            "place": _("place to be announced"),
            "online_link": "https://meet.example.org/kopa",
            "activity_link": site_url("/"),
        }
        programme = "—"
        changes = _("Dates: %(dates)s") % {"dates": values["dates"]}
    days = sorted(settings.KOPA_REMINDER_DAYS or [7])[0]
    return values | {
        "deadline": date_format(now + timedelta(hours=24), "DATETIME_FORMAT"),
        "accept_link": site_url(reverse("activities:accept_offer", args=["00000000-0000-0000-0000-000000000000"])),
        "queue_position": 3,
        "programme": programme,
        "days": days,
        "changes": changes,
        "certificate_link": site_url(reverse("certificates:verify")),
        "survey": _("Sample survey"),
        "survey_link": site_url(reverse("surveys:answer", args=["00000000-0000-0000-0000-000000000000"])),
        "closes": closes,
        "count": 3,
        "list": "—",
        "organisation": _("Sample organisation"),
        "capacity": 20,
        "reason": _("The speaker fell ill; we will announce a new date."),
    }


def registrant(activity):
    """The person a preview is addressed to: the first confirmed registrant, else anyone registered."""
    if activity is None:
        return None
    registrations = activity.registrations.select_related("person").order_by("pk")
    found = registrations.filter(status="confirmed").first() or registrations.first()
    return found.person if found is not None else None


def latest_activity(project):
    return project.activities.order_by(F("start_date").desc(nulls_last=True), "-pk").first()


def _stored(code: str, activity, project) -> MessageTemplate | None:
    """The wording in force: the activity's own, else its project's; for a project, the project's."""
    if activity is not None:
        found = MessageTemplate.objects.filter(kind=code, activity=activity).first()
        if found is not None:
            return found
        project = activity.project
    if project is not None:
        return MessageTemplate.objects.filter(kind=code, project=project).first()
    return None


def preview(code: str, activity=None, project=None, language: str | None = None, subject: str | None = None,
            body: str | None = None) -> Message:
    """The unsaved message of kind `code`. With `subject` or `body` given, that text (what the organiser has
    typed, for `language`) is shown instead of the stored wording; an empty one means Kopā's default."""
    if code not in KINDS:
        raise KeyError(code)
    if activity is not None:
        template = _stored(code, activity, None)
        real_activity = activity
    else:
        template = _stored(code, None, project)
        real_activity = latest_activity(project) if project is not None else None
    person = registrant(real_activity)
    if person is not None:
        person = copy.copy(person)  # the language asked for, on a copy that is never saved
    else:
        from kopa.directory.models import Person

        person = Person(first_name=SAMPLE_NAME[0], last_name=SAMPLE_NAME[1], email="")
    person.language = language or person.language or settings.LANGUAGE_CODE
    if subject is not None or body is not None:
        template = MessageTemplate(kind=code, **{f"subject_{person.language}": subject or "",
                                                 f"body_{person.language}": body or ""})

    def values():
        # A placeholder added to a kind later than this module still reads as something, never as "{…}".
        return {name: "—" for name in KINDS[code].placeholders if name != "name"} | sample_values(real_activity)

    return build(code, person=person, activity=real_activity, project=project, template=template, context=values)
