"""The list of projects as a table (CSV or XLSX): one row generator, the writers of kopa.core.exports around it."""

from django.utils.translation import gettext as _

from kopa.core.exports import csv_response, xlsx_response

from .dates import period_text


def project_header() -> list[str]:
    return [_("Code"), _("Acronym"), _("Title"), _("Programme"), _("Period"), _("Total budget (as stated)"),
            _("Currency"), _("Total budget in euros"), _("Total budget")]


def project_rows(projects):
    """One row a project; the amount as stated, its currency, its euro value and the text pages show."""
    for project in projects:
        total = project.total
        yield [
            project.code or _("not stated"),
            project.acronym,
            project.title,
            str(project.programme) if project.programme_id else _("none stated"),
            period_text(project),
            total.value if total is not None else None,
            total.currency if total is not None else "",
            project.total_eur,
            str(total or ""),
        ]


def project_export(projects, file_format: str):
    if file_format == "csv":
        return csv_response("projects", project_header(), project_rows(projects))
    return xlsx_response("projects", _("Projects"), project_header(), project_rows(projects))
