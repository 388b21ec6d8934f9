"""The list of projects as a table (CSV or XLSX): one row generator, the writers of kopa.core.exports around it;
a list of more than a few thousand projects is written by an export job (kopa.exports)."""

from django.utils.translation import gettext as _

from kopa.exports.kinds import Kind, Table, counted

from . import list_filters
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


def _list_table(parameters: dict, user) -> Table:
    _form, projects = list_filters.project_list(parameters.get("query", ""))
    return Table(_("Projects"), project_header(), project_rows(projects.iterator(chunk_size=1000)),
                 counted(projects))


# The project list is public: anyone who may see the page may export it.
PROJECT_LIST = Kind(table=_list_table, allowed=lambda user, parameters: True, label=lambda parameters: _("Projects"))
