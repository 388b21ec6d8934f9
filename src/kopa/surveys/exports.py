"""A questionnaire's responses as a table, one row a response and a column a question, filtered as its results
page is (kopa.surveys.results keeps the anonymity rules); long ones are written by an export job (kopa.exports)."""

from django.utils.translation import gettext as _

from kopa.exports.kinds import Kind, Table, counted

from . import list_filters, results
from .models import Questionnaire


def response_table(parameters: dict, user) -> Table:
    questionnaire = Questionnaire.objects.get(pk=parameters["questionnaire"])
    _form, filters = list_filters.result_filters(questionnaire, parameters.get("query", ""))
    questions = results.export_columns(questionnaire)
    header = [_("Response"), _("Submitted"), _("Country"), _("Municipality"), _("Organisation"), _("Department"),
              _("Position")] + [q.code for q in questions]
    return Table(str(questionnaire.title), header, results.export_rows(questionnaire, questions, filters),
                 counted(filters.responses(questionnaire)))


def _allowed(user, parameters: dict) -> bool:
    questionnaire = Questionnaire.objects.filter(pk=parameters["questionnaire"]).first()
    return questionnaire is not None and user.has_perm("surveys.view_results", questionnaire)


def _label(parameters: dict) -> str:
    questionnaire = Questionnaire.objects.filter(pk=parameters["questionnaire"]).first()
    return _("Survey responses: %(name)s") % {"name": questionnaire.title if questionnaire else ""}


SURVEY_RESPONSES = Kind(table=response_table, allowed=_allowed, label=_label)
