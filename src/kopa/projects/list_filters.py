"""What the project list shows, read from its address: the page and its export job (kopa.projects.exports) call
the same function with the same query string, so a downloaded file holds the page's rows."""

from django.db.models import QuerySet
from django.http import QueryDict

from . import queries
from .forms import ProjectFilterForm


def project_list(query: QueryDict | str) -> tuple[ProjectFilterForm, QuerySet]:
    """`query`: the page's request.GET or a job's stored query string. A bad filter is reported on the form, the
    valid ones still apply."""
    form = ProjectFilterForm((QueryDict(query) if isinstance(query, str) else query) or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    return form, queries.project_list(
        programme=filters.get("programme"), country=filters.get("country"), date_from=filters.get("date_from"),
        date_to=filters.get("date_to"), text=filters.get("q") or "", topic=filters.get("topic"))
