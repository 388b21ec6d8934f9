"""What the two lists of activities show, read from their address: the public activity list and an organiser's
registration list. The page and its export job (kopa.activities.exports) call the same function with the same
query string, so a downloaded file holds the page's rows, filtered and sorted as the page was."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from . import queries, registration_list
from .forms import ActivityFilterForm
from .models import Activity
from .registration_forms import RegistrationListForm


def _data(query: QueryDict | str) -> QueryDict | None:
    """A page's request.GET or a job's stored query string; None when empty, so the form stays unbound."""
    if isinstance(query, str):
        query = QueryDict(query)
    return query or None


def activity_list(query: QueryDict | str) -> tuple[ActivityFilterForm, QuerySet]:
    """The public list: a bad filter is reported on the form, the valid ones still apply."""
    form = ActivityFilterForm(_data(query))
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    return form, queries.activity_list(
        kind=filters.get("kind") or "", project=filters.get("project"), municipality=filters.get("municipality"),
        date_from=filters.get("date_from"), date_to=filters.get("date_to"), text=filters.get("q") or "",
        topic=filters.get("topic"), year=filters.get("year"), sort=filters.get("sort") or "-date",
        country=filters["country"].code if filters.get("country") else "",
    )


def sessions_and_breakouts(activity: Activity) -> dict:
    """What the registration list's session and group filters offer."""
    return {"sessions": list(activity.sessions.order_by("number")), "breakouts": list(activity.breakouts.all())}


@dataclass
class RegistrationList:
    form: RegistrationListForm
    sort: str  # the sort key applied, as the column headings show it
    rows: QuerySet  # the registrations `user` may see, filtered and sorted


def registration_list_of(activity: Activity, user, query: QueryDict | str, *, organiser: bool,
                         places: dict | None = None) -> RegistrationList:
    """The organiser's list as `user` sees it: every registration for an organiser, their own organisations'
    for a partner coordinator. `places`: sessions_and_breakouts(activity), when the caller has read them."""
    form = RegistrationListForm(_data(query), activity=activity, **(places or sessions_and_breakouts(activity)))
    filters = form.filters()
    rows = registration_list.registration_rows(
        registration_list.visible_registrations(activity, user, organiser), **filters)
    return RegistrationList(form, filters["sort"], rows)
