"""Participant lists for the funder: one row generator, written as XLSX or CSV (core/exports.py)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Registration


def participant_header() -> list[str]:
    return [_("Activity"), _("Start"), _("End"), _("Project"), _("First name"), _("Last name"), _("Organisation"),
            _("Position"), _("Status"), _("Checked in")]


def participant_rows(registrations):
    """registrations: a queryset; read in chunks, so a project's whole history fits in little memory."""
    registrations = registrations.select_related(
        "activity__project", "person", "organisation", "position"
    ).order_by("activity__start_date", "activity_id", "organisation__name_lv", "person__last_name")
    for r in registrations.iterator(chunk_size=2000):
        yield [
            r.activity.title, r.activity.start_date, r.activity.end_date,
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
