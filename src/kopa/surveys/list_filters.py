"""What a questionnaire's results page shows, read from its address: the page and its export job
(kopa.surveys.exports) call the same function with the same query string, so a download is what the page shows
(kopa.surveys.results keeps the anonymity rules for both)."""

from django.http import QueryDict

from . import results
from .forms import ResultFilterForm
from .models import Questionnaire


def result_filters(questionnaire: Questionnaire, query: QueryDict | str) -> tuple[ResultFilterForm, results.Filters]:
    """`query`: the page's request.GET or a job's stored query string. A bad filter is reported on the form, the
    valid ones still apply."""
    form = ResultFilterForm((QueryDict(query) if isinstance(query, str) else query) or None,
                            questionnaire=questionnaire)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return form, results.Filters(country=data["country"].code if data.get("country") else "",
                                 municipality=data.get("municipality"), department=data.get("department"),
                                 position=data.get("position") or "", answer=data.get("answer"))
