"""Printable documents of an activity: the sign-in sheet and certificates of attendance (PDF)."""

from itertools import groupby

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kopa.core.dates import stated_dates_text
from kopa.core.errors import DomainError
from kopa.core.pdf import Document
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingStatement

from .models import Activity, Registration
from .status import certificate_ready


def _dates(activity: Activity) -> str:
    return stated_dates_text(activity)


def _funding_statement(activity: Activity, place: str) -> str:
    """The project code and every statement its programme and funds require on this kind of document."""
    project = activity.project
    if project is None:
        return ""
    statements = " ".join(s.text for s in statements_for(project, place))
    return f"{project.code} {project.acronym or ''} · {statements}".strip(" ·")


def sign_in_sheet(activity: Activity) -> bytes:
    """Everyone with a seat, grouped by organisation, with a column to sign; in the active language."""
    registrations = (
        Registration.objects.filter(activity=activity, status__in=Registration.SEATED + (Registration.Status.NO_SHOW,))
        .select_related("person", "organisation", "position")
        .order_by("organisation__name_lv", "organisation_id", "person__last_name", "person__first_name")
    )
    footer = _funding_statement(activity, FundingStatement.Place.SIGN_IN_SHEETS)
    pdf = Document(title=_("Sign-in sheet"), footer_text=footer, orientation="L")
    pdf.add_page()
    pdf.heading(_("Sign-in sheet"))
    pdf.multi_cell(0, 5, f"{activity.title}\n{_dates(activity)}{' · ' + activity.venue if activity.venue else ''}")
    if activity.project:
        pdf.multi_cell(0, 5, _("Project %(code)s: %(title)s") % {"code": activity.project.code,
                                                                "title": activity.project.title})
    pdf.ln(3)
    widths = (10, 80, 90, 87)
    number = 0
    for organisation, rows in groupby(registrations, key=lambda r: r.organisation):
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 8, str(organisation), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 9)
        for width, label in zip(widths, ("#", pgettext("person", "Name"), _("Position"), _("Signature")), strict=True):
            pdf.cell(width, 7, label, border=1)
        pdf.ln()
        pdf.set_font("DejaVu", size=10)
        for registration in rows:
            number += 1
            position = registration.position.title if registration.position else ""
            for width, value in zip(widths, (str(number), str(registration.person), position, ""), strict=True):
                pdf.cell(width, 9, value, border=1)
            pdf.ln()
        pdf.ln(2)
    return bytes(pdf.output())


def certificate(registration: Registration) -> bytes:
    """A certificate of attendance, only for someone who attended, in that person's own language."""
    if registration.status != Registration.Status.ATTENDED:
        raise DomainError(_("A certificate is issued only to those who attended."), code="not_attended")
    if not certificate_ready(registration):
        raise DomainError(_("A certificate is issued once the activity has taken place."), code="too_early")
    with translation.override(registration.person.language):
        activity = registration.activity
        footer = _funding_statement(activity, FundingStatement.Place.CERTIFICATES)
        pdf = Document(title=_("Certificate of attendance"), footer_text=footer)
        pdf.add_page()
        pdf.ln(30)
        pdf.set_font("DejaVu", "B", 22)
        pdf.multi_cell(0, 12, _("Certificate of attendance"), align="C")
        pdf.ln(12)
        pdf.set_font("DejaVu", "B", 16)
        pdf.multi_cell(0, 9, str(registration.person), align="C")
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(0, 7, str(registration.organisation), align="C")
        pdf.ln(8)
        pdf.multi_cell(0, 7, _("took part in"), align="C")
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(0, 8, activity.title, align="C")
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(0, 7, f"{activity.get_kind_display()} · {_dates(activity)}", align="C")
        if activity.project:
            pdf.ln(6)
            pdf.multi_cell(0, 6, _("Project %(code)s: %(title)s") % {"code": activity.project.code,
                                                                    "title": activity.project.title}, align="C")
        organisers = ", ".join(str(o) for o in activity.organisers.all())
        pdf.ln(10)
        pdf.multi_cell(0, 6, _("Organised by %(organisers)s") % {"organisers": organisers}, align="C")
        return bytes(pdf.output())
