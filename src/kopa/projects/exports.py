"""The list of projects as a table (CSV or XLSX): one row generator, the writers of kopa.core.exports around it;
a list of more than a few thousand projects is written by an export job (kopa.exports)."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from kopa.core.exports import csv_response, xlsx_response
from kopa.exports.kinds import Kind, Table

from . import queries
from .dates import period_text
from .forms import ProjectFilterForm


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


def filtered_projects(query: str):
    """The project list as its page filters it (the page's query string): a bad filter is left out, as there."""
    form = ProjectFilterForm(QueryDict(query) or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    return queries.project_list(
        programme=filters.get("programme"), country=filters.get("country"), date_from=filters.get("date_from"),
        date_to=filters.get("date_to"), text=filters.get("q") or "", topic=filters.get("topic"))


def _list_table(parameters: dict) -> Table:
    projects = filtered_projects(parameters.get("query", ""))
    return Table(_("Projects"), project_header(), project_rows(projects.iterator(chunk_size=1000)),
                 projects.count())


# The project list is public: anyone who may see the page may export it.
PROJECT_LIST = Kind(table=_list_table, allowed=lambda user, parameters: True, label=lambda parameters: _("Projects"))
