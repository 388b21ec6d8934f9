"""Printable documents of an activity: the sign-in sheet and certificates of attendance (PDF)."""

import io

import segno
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf.fonts import FontFace
from PIL import Image

from kopa.core.dates import stated_dates_text
from kopa.core.errors import DomainError
from kopa.core.links import site_url
from kopa.core.pdf import Document
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingStatement

from .models import Activity, Registration
from .status import certificate_ready
from .verification import verification_code

HEADINGS = FontFace(emphasis="BOLD", fill_color=(235, 238, 242))
LOGO_HEIGHT = 16  # mm: programme logos side by side, as programme visibility guides ask for a row of them


class _Numbered(Document):
    """A document whose every page says which page it is of how many ("2 / 5"), under the funding statement;
    pages after the first repeat a line saying what the document is, so a loose page can be put back."""

    def __init__(self, *, running_head: str = "", **kwargs):
        super().__init__(**kwargs)
        self.running_head = running_head

    def header(self):
        if self.page_no() > 1 and self.running_head:
            self.set_font("DejaVu", size=8)
            self.multi_cell(0, 4, self.running_head)
            self.ln(2)
            self.set_font("DejaVu", size=10)

    def footer(self):
        super().footer()
        self.set_y(-9)
        self.set_font("DejaVu", size=8)
        # {nb} is fpdf2's alias for the number of pages, filled in once the document is complete.
        self.cell(0, 4, _("Page %(page)s / %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}, align="R")
        self.set_font("DejaVu", size=10)


def _dates(activity: Activity) -> str:
    return stated_dates_text(activity)


def _funding(activity: Activity, place: str) -> tuple[str, list[FundingStatement]]:
    """The project code with every statement its programme and funds require on this kind of document (the
    footer), and those statements (for their logos); one query."""
    project = activity.project
    if project is None:
        return "", []
    statements = statements_for(project, place)
    text = " ".join(s.text for s in statements)
    return f"{project.code} {project.acronym or ''} · {text}".strip(" ·"), statements


def _logos(pdf: Document, statements: list[FundingStatement]) -> None:
    """The logos the statements carry, in one centred row; a logo whose file cannot be read is replaced by its
    text alternative rather than failing the whole document."""
    images, missing = [], []  # images: (data, text alternative, width in mm at LOGO_HEIGHT)
    for statement in statements:
        if not statement.logo:
            continue
        try:
            with statement.logo.open("rb") as file:
                data = io.BytesIO(file.read())
            with Image.open(data) as image:  # the proportions, so the row can be centred before it is drawn
                width, height = image.size
        except (OSError, ValueError):  # no file in storage, or not an image after all
            missing.append(statement.logo_alt or statement.text)
            continue
        data.seek(0)
        images.append((data, statement.logo_alt, LOGO_HEIGHT * width / height if height else LOGO_HEIGHT))
    if images:
        gap = 8
        sizes = [size for _data, _alt, size in images]
        total = sum(sizes) + gap * (len(sizes) - 1)
        x, y = (pdf.w - total) / 2, pdf.get_y()
        for data, alt, width in images:
            pdf.image(data, x=x, y=y, h=LOGO_HEIGHT, alt_text=alt or None)
            x += width + gap
        pdf.set_y(y + LOGO_HEIGHT + 4)
    for text in missing:
        pdf.set_font("DejaVu", size=8)
        pdf.multi_cell(0, 4, text, align="C")
        pdf.set_font("DejaVu", size=10)


def _seated(activity: Activity):
    return (
        Registration.objects.filter(activity=activity, status__in=Registration.SEATED + (Registration.Status.NO_SHOW,))
        .select_related("person", "organisation", "position")
        .order_by("organisation__name_lv", "organisation_id", "person__last_name", "person__first_name")
    )


def sign_in_sheet(activity: Activity) -> bytes:
    """Everyone with a seat, by organisation, with a cell to sign; the table's heading on every page, each page
    numbered, and the organiser's signature and date at the end; in the active language."""
    footer, statements = _funding(activity, FundingStatement.Place.SIGN_IN_SHEETS)
    when = f"{_dates(activity)}{' · ' + activity.venue if activity.venue else ''}"
    pdf = _Numbered(title=_("Sign-in sheet"), footer_text=footer, orientation="L",
                    running_head=f"{_('Sign-in sheet')}: {activity.title} · {when}")
    pdf.add_page()
    _logos(pdf, statements)
    pdf.heading(_("Sign-in sheet"))
    pdf.multi_cell(0, 5, f"{activity.title}\n{when}")
    if activity.project:
        pdf.multi_cell(0, 5, _("Project %(code)s: %(title)s") % {"code": activity.project.code,
                                                                "title": activity.project.title})
    pdf.ln(3)
    registrations = list(_seated(activity))
    # Long names and organisations wrap inside their cell; a row is tall enough to sign in.
    with pdf.table(col_widths=(10, 58, 82, 62, 65), text_align="LEFT", line_height=5, min_row_height=11,
                   padding=1.5, repeat_headings=1, headings_style=HEADINGS) as table:
        heading = table.row()
        for label in ("#", pgettext("person", "Name"), _("Organisation"), _("Position"), _("Signature")):
            heading.cell(label)
        for number, registration in enumerate(registrations, start=1):
            row = table.row()
            row.cell(str(number))
            row.cell(str(registration.person))
            row.cell(str(registration.organisation))
            row.cell(registration.position.title if registration.position else "")
            row.cell("")
    pdf.ln(4)
    if pdf.will_page_break(36):
        pdf.add_page()
    pdf.multi_cell(0, 5, _("Participants listed: %(count)s") % {"count": len(registrations)})
    pdf.ln(10)
    _signature_line(pdf, _("Organiser (name, signature)"), 120)
    _signature_line(pdf, _("Date"), 60)
    return bytes(pdf.output())


def _signature_line(pdf: Document, label: str, width: float) -> None:
    pdf.set_font("DejaVu", size=10)
    pdf.cell(pdf.get_string_width(label) + 3, 6, f"{label}:")
    x, y = pdf.get_x(), pdf.get_y() + 5
    pdf.line(x, y, x + width, y)
    pdf.ln(14)


def certificate_url(code: str) -> str:
    """The public page that confirms a certificate, in the active language, with its code filled in."""
    return site_url(f"{reverse('certificates:verify')}?code={code}")


def certificate(registration: Registration) -> bytes:
    """A certificate of attendance, only for someone who attended, in that person's own language, with the
    logos its programme and funds require and a code anyone can check on the public verification page."""
    if registration.status != Registration.Status.ATTENDED:
        raise DomainError(_("A certificate is issued only to those who attended."), code="not_attended")
    if not certificate_ready(registration):
        raise DomainError(_("A certificate is issued once the activity has taken place."), code="too_early")
    with translation.override(registration.person.language):
        activity = registration.activity
        footer, statements = _funding(activity, FundingStatement.Place.CERTIFICATES)
        pdf = Document(title=_("Certificate of attendance"), footer_text=footer)
        pdf.add_page()
        _logos(pdf, statements)
        pdf.set_y(max(pdf.get_y(), 30) + 10)
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
        _verification(pdf, registration)
        return bytes(pdf.output())


def _verification(pdf: Document, registration: Registration) -> None:
    """The code and the address that confirm the certificate, with a QR code of that address, at the foot."""
    code = verification_code(registration)
    url = certificate_url(code)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=4, border=1)
    qr.seek(0)
    size, top = 24, pdf.h - 25 - 28
    pdf.image(qr, x=pdf.l_margin, y=top, w=size, h=size, alt_text=url)
    pdf.set_xy(pdf.l_margin + size + 4, top + 3)
    pdf.set_font("DejaVu", size=9)
    text = _("Verification code: %(code)s") % {"code": code}
    pdf.multi_cell(0, 5, f"{text}\n{_('Check this certificate at')} {url}")
    pdf.set_font("DejaVu", size=10)
