"""Activities' lists as tables — participants for the funder, an organiser's registration list, the public
activity list: one row generator each, written as XLSX or CSV (core/exports.py), and the export job kinds
(kopa.exports) that write the long ones."""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kopa.core.dates import stated_dates_text
from kopa.directory.models import Organisation
from kopa.exports.kinds import Kind, Table, counted
from kopa.projects.models import Project

from . import list_filters, registration_list
from .headcounts import headcount_text
from .models import Activity, Registration


def participant_header() -> list[str]:
    return [_("Activity"), _("Dates"), _("Earliest day"), _("Latest day"), _("Project"), _("First name"),
            _("Last name"), _("Organisation"),
            _("Position"), _("Status"), _("Checked in")]


def participant_rows(registrations):
    """registrations: a queryset. Plain values read in chunks (no model instance a row) and what repeats — an
    activity's title and dates, an organisation's name — looked up once; a position (one a person, so as many as
    the rows) read with its row, in each language, and shown as modeltranslation would (_Translated). A project's
    whole history is written fast and fits in little memory."""
    activities = {a.pk: (a.title, stated_dates_text(a), a.start_date, a.end_date, a.project.code if a.project else "")
                  for a in Activity.objects.filter(pk__in=registrations.values("activity_id")).select_related(
                      "project")}
    organisations = {o.pk: str(o) for o in Organisation.objects.filter(pk__in=registrations.values("organisation_id"))}
    statuses = {value: str(label) for value, label in Registration.Status.choices}
    moments = _LocalMoments()
    translated = _Translated()
    values = registrations.order_by(
        "activity__start_date", "activity_id", "organisation__name_lv", "person__last_name").values_list(
        "activity_id", "person__first_name", "person__last_name", "organisation_id", "status", "checked_in_at",
        *(f"position__title_{language}" for language in translated.languages))
    for activity_id, first_name, last_name, organisation_id, status, checked_in_at, *titles in \
            values.iterator(chunk_size=5000):
        yield [*activities[activity_id], first_name, last_name, organisations[organisation_id], translated(titles),
               statuses.get(status, status), moments(checked_in_at) if checked_in_at else ""]


class _Translated:
    """A translated field's text as modeltranslation shows it: in the current language, else the first of the
    fallback languages that has one."""

    def __init__(self):
        current = (get_language() or settings.LANGUAGE_CODE)[:2]
        self.languages = list(settings.MODELTRANSLATION_LANGUAGES)
        order = dict.fromkeys([current, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES])
        self.order = [self.languages.index(code) for code in order if code in self.languages]

    def __call__(self, texts) -> str:
        for index in self.order:
            if texts[index]:
                return texts[index]
        return ""


def live_registrations(**filters):
    return Registration.objects.filter(**filters).exclude(status=Registration.Status.CANCELLED)


class _LocalMoments:
    """_local, remembered per minute: the formats show minutes, and check-ins come in bursts."""

    def __init__(self):
        self.seen = {}

    def __call__(self, moment) -> str:
        key = moment.replace(second=0, microsecond=0)
        text = self.seen.get(key)
        if text is None:
            if len(self.seen) > 100_000:
                self.seen.clear()
            text = self.seen[key] = _local(key)
        return text


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


# The organiser's registration list, as filtered on its page -------------------------------------------------

# Column widths in characters: names and organisations need room, numbers and dates little.
_REGISTRATION_WIDTHS = {"queue": 10, "date": 18, "text": 28, "wide": 40, "email": 32}


def registration_columns(show_contacts: bool) -> list[tuple[str, str]]:
    """(heading, width kind) of each column; the e-mail column only for someone who may see contacts."""
    columns = [(_("Queue position"), "queue"), (_("Registered"), "date"), (_("First name"), "text"),
               (_("Last name"), "text"), (_("Organisation"), "wide"), (_("Position"), "text"), (_("Status"), "text"),
               (_("Session"), "queue"), (_("Parallel group"), "text"), (_("Checked in"), "date")]
    if show_contacts:
        columns.append((_("E-mail"), "email"))
    return columns


def registration_rows(rows, show_contacts: bool):
    """rows: registration_list.Row (registration, queue place, whether its contact may be seen). Typed values:
    the queue place and the session's number as numbers, moments as dates in the site's time zone, the rest text."""
    for row in rows:
        r = row.registration
        values = [
            row.queue_position, _naive_local(r.created_at), r.person.first_name, r.person.last_name,
            str(r.organisation), r.position.title if r.position else "", r.get_status_display(),
            r.session.number if r.session else None, r.breakout.theme if r.breakout else "",
            _naive_local(r.checked_in_at),
        ]
        if show_contacts:
            values.append(r.person.email if row.sees_contact else "")
        yield values


def _naive_local(moment):
    """Spreadsheets know no time zones: the moment as the site's clock showed it."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def registration_xlsx(target, title: str, columns: list[tuple[str, str]], rows) -> None:
    """A workbook a coordinator can sort and filter at once: the header row frozen, an autofilter over the table,
    each column as wide as its content needs, dates as dates. Write-only mode, so memory stays flat."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    # Widths and the frozen row are written before the first row: set them first.
    for number, (_heading, kind) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _REGISTRATION_WIDTHS[kind]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for heading, _kind in columns:
        cell = WriteOnlyCell(sheet, value=str(heading))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in rows:
        cells = []
        for value, (_heading, kind) in zip(values, columns, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=…" must not become a formula
            elif kind == "date" and value is not None:
                cell.number_format = "yyyy-mm-dd hh:mm"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    workbook.save(target)


# Participant lists as export jobs (kopa.exports): the same rows, and the same permission as the download's page.

def _activity_table(parameters: dict, user) -> Table:
    registrations = live_registrations(activity_id=parameters["activity"])
    return Table(_("Participants"), participant_header(), participant_rows(registrations), counted(registrations))


def _project_table(parameters: dict, user) -> Table:
    registrations = live_registrations(activity__project_id=parameters["project"])
    return Table(_("Participants"), participant_header(), participant_rows(registrations), counted(registrations))


def _may_export_activity(user, parameters: dict) -> bool:
    activity = Activity.objects.filter(pk=parameters["activity"]).first()
    return activity is not None and user.has_perm("activities.manage_registrations", activity)


def _may_export_project(user, parameters: dict) -> bool:
    project = Project.objects.filter(pk=parameters["project"]).first()
    return project is not None and user.has_perm("projects.change_project", project)


def _activity_label(parameters: dict) -> str:
    activity = Activity.objects.filter(pk=parameters["activity"]).first()
    return _("Participants: %(name)s") % {"name": activity.title if activity else parameters["activity"]}


def _project_label(parameters: dict) -> str:
    project = Project.objects.filter(pk=parameters["project"]).first()
    return _("Participants: %(name)s") % {"name": (project.code or project.title) if project else parameters["project"]}


ACTIVITY_PARTICIPANTS = Kind(table=_activity_table, allowed=_may_export_activity, label=_activity_label)
PROJECT_PARTICIPANTS = Kind(table=_project_table, allowed=_may_export_project, label=_project_label)


# The registration list as its organiser filtered and sorted it: the rows, and the contacts, that they may see.

def registration_values(activity: Activity, rows, user, show_contacts: bool):
    """Every row of the filtered list, in its order, with its queue place; a person's e-mail only where `user`
    may see their contact (directory.view_person_contact, as on the page). Read only once written: a list that
    becomes a job reads nothing in the request."""
    positions = registration_list.queue_positions(activity)
    lines = (registration_list.Row(r, positions.get(r.pk), show_contacts and user.has_perm(
        "directory.view_person_contact", r.person)) for r in rows.prefetch_related("person__positions").iterator(
        chunk_size=2000))
    yield from registration_rows(lines, show_contacts)


def _registration_table(parameters: dict, user) -> Table:
    activity = Activity.objects.get(pk=parameters["activity"])
    organiser = user.has_perm("activities.manage_registrations", activity)
    listed = list_filters.registration_list_of(activity, user, parameters.get("query", ""), organiser=organiser)
    show_contacts = registration_list.sees_any_contact(user)
    columns = registration_columns(show_contacts)
    title = _("Registrations")
    return Table(title, [heading for heading, _kind in columns],
                 registration_values(activity, listed.rows, user, show_contacts), counted(listed.rows),
                 write_xlsx=lambda target, rows: registration_xlsx(target, title, columns, rows))


def _may_see_registrations(user, parameters: dict) -> bool:
    """The list's own rule: its organisers, and partner coordinators who may register colleagues (their rows)."""
    activity = Activity.objects.filter(pk=parameters["activity"]).first()
    return activity is not None and (user.has_perm("activities.manage_registrations", activity)
                                     or user.has_perm("activities.register_colleagues", activity))


def _registrations_label(parameters: dict) -> str:
    activity = Activity.objects.filter(pk=parameters["activity"]).first()
    return _("Registrations: %(name)s") % {"name": activity.title if activity else parameters["activity"]}


REGISTRATION_LIST = Kind(table=_registration_table, allowed=_may_see_registrations, label=_registrations_label)


# The public activity list as filtered: nothing on it that the page does not show to anyone.

def _activity_list_table(parameters: dict, user) -> Table:
    _form, activities = list_filters.activity_list(parameters.get("query", ""))
    return Table(_("Activities"), activity_header(), activity_rows(activities), counted(activities))


ACTIVITY_LIST = Kind(table=_activity_list_table, allowed=lambda user, parameters: True,
                     label=lambda parameters: _("Activities"))
