"""A questionnaire's responses as a table, one row a response and a column a question, filtered as its results
page is (kopa.surveys.results keeps the anonymity rules); long ones are written by an export job (kopa.exports)."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from kopa.exports.kinds import Kind, Table

from . import results
from .forms import ResultFilterForm
from .models import Questionnaire


def filters_of(questionnaire: Questionnaire, query: str) -> results.Filters:
    """The results page's filters from its query string; the export takes the same, so a download is what the
    page shows."""
    form = ResultFilterForm(QueryDict(query) or None, questionnaire=questionnaire)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return results.Filters(country=data["country"].code if data.get("country") else "",
                           municipality=data.get("municipality"), department=data.get("department"),
                           position=data.get("position") or "", answer=data.get("answer"))


def response_table(parameters: dict) -> Table:
    questionnaire = Questionnaire.objects.get(pk=parameters["questionnaire"])
    filters = filters_of(questionnaire, parameters.get("query", ""))
    questions = results.export_columns(questionnaire)
    header = [_("Response"), _("Submitted"), _("Country"), _("Municipality"), _("Organisation"), _("Department"),
              _("Position")] + [q.code for q in questions]
    return Table(str(questionnaire.title), header, results.export_rows(questionnaire, questions, filters),
                 filters.responses(questionnaire).count())


def _allowed(user, parameters: dict) -> bool:
    questionnaire = Questionnaire.objects.filter(pk=parameters["questionnaire"]).first()
    return questionnaire is not None and user.has_perm("surveys.view_results", questionnaire)


def _label(parameters: dict) -> str:
    questionnaire = Questionnaire.objects.filter(pk=parameters["questionnaire"]).first()
    return _("Survey responses: %(name)s") % {"name": questionnaire.title if questionnaire else ""}


SURVEY_RESPONSES = Kind(table=response_table, allowed=_allowed, label=_label)
