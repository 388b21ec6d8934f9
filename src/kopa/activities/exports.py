"""Participant lists for the funder: one row generator, written as XLSX or CSV (core/exports.py)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kopa.core.dates import stated_dates_text

from .headcounts import headcount_text
from .models import Registration


def participant_header() -> list[str]:
    return [_("Activity"), _("Dates"), _("Earliest day"), _("Latest day"), _("Project"), _("First name"),
            _("Last name"), _("Organisation"),
            _("Position"), _("Status"), _("Checked in")]


def participant_rows(registrations):
    """registrations: a queryset; read in chunks, so a project's whole history fits in little memory."""
    registrations = registrations.select_related(
        "activity__project", "person", "organisation", "position"
    ).order_by("activity__start_date", "activity_id", "organisation__name_lv", "person__last_name")
    for r in registrations.iterator(chunk_size=2000):
        yield [
            r.activity.title, stated_dates_text(r.activity), r.activity.start_date, r.activity.end_date,
            r.activity.project.code if r.activity.project else "",
            r.person.first_name, r.person.last_name, str(r.organisation),
            r.position.title if r.position else "", r.get_status_display(),
            _local(r.checked_in_at),
        ]


def live_registrations(**filters):
    return Registration.objects.filter(**filters).exclude(status=Registration.Status.CANCELLED)


def _local(moment) -> str:
    """A moment in the site's time zone (stored in UTC), as the reader's locale writes it."""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def activity_header() -> list[str]:
    return [_("Activity"), _("Kind"), _("Dates"), _("Precision of the date"), _("Earliest day"), _("Latest day"),
            _("Project"), _("Topics"), _("Host municipalities"), _("Status"), _("Reported number of people")]


def activity_rows(activities):
    """The public list as filtered: what anyone may see on the list page, nothing personal."""
    activities = activities.prefetch_related("headcounts")
    for a in activities.iterator(chunk_size=500):
        yield [
            a.title, a.get_kind_display(), stated_dates_text(a), a.get_date_precision_display(), a.start_date,
            a.end_date, a.project.code if a.project else "", ", ".join(str(t) for t in a.topics.all()),
            ", ".join(str(m) for m in a.host_municipalities.all()), a.get_status_display(),
            "; ".join(headcount_text(h) for h in a.headcounts.all() if h.organisation_id is None),
        ]
