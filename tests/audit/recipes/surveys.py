"""Recipes for the survey services (built with the survey tests' own helpers)."""

from kopa.activities.models import Activity
from kopa.surveys import services
from kopa.surveys.models import Questionnaire
from kopa.topics.models import Topic
from tests.surveys import helpers

GOOD = {"role": "head", "team": "12", "rank": ["quality", "it"], "topics": ["lean"], "satisfied": 4,
        "comment": "Vairāk apmācību"}
QUESTION = {"code": "extra", "kind": "text", "required": False,
            "text": {"lv": "Vēl kas?", "lt": "Dar kas nors?", "en": "Anything else?"}}


def _need(w):
    return helpers.needs(w.project)["it"]


def _draft(w):
    survey = helpers.questionnaire(w.project, publish=False)
    return Questionnaire.objects.get(pk=survey.pk)


def _new_version(w):
    survey = helpers.questionnaire(w.project)
    services.submit(questionnaire=survey, answers=GOOD, invitation=helpers.invited(survey))
    services.new_version(questionnaire=survey, by=w.coordinator)


def _replace(w):
    survey = _draft(w)
    structure = services.structure_of(survey)
    structure[0]["questions"][0]["text"]["en"] = "Your position"
    services.replace_structure(questionnaire=survey, sections=structure, by=w.coordinator)


def _feedback(w):
    from kopa.activities.models import Registration

    attended = Registration.objects.filter(status=Registration.Status.ATTENDED).exclude(person__email="")
    registration = attended.select_related("activity").first()
    activity = registration.activity
    survey = services.create_questionnaire(
        titles={"lv": "Atsauksmes", "lt": "Atsiliepimai", "en": "Feedback"}, activity=activity,
        purpose=Questionnaire.Purpose.FEEDBACK,
        sections=[{"title": {"lv": "A", "lt": "A", "en": "A"}, "questions": [QUESTION]}])
    services.publish_questionnaire(questionnaire=survey)
    Questionnaire.objects.filter(activity=activity).exclude(pk=survey.pk).update(
        status=Questionnaire.Status.CLOSED)
    assert services.send_feedback_forms(activity=activity) >= 1


def _reminders(w):
    survey = helpers.questionnaire(w.project)
    helpers.invited(survey)
    assert services.send_reminders(questionnaire=survey, by=w.coordinator) == 1


def _remove(w):
    survey = _draft(w)
    question = services.add_question(questionnaire=survey, question=QUESTION,
                                     section=survey.sections.order_by("position").first(), by=w.coordinator)
    services.remove_question(question=question, by=w.coordinator)


RECIPES = {
    "kopa.surveys.services.save_need": lambda w: services.save_need(
        project=w.project, code="audit", names={"lv": "Audits", "lt": "Auditas", "en": "Audit"}, by=w.coordinator),
    "kopa.surveys.services.link_need": lambda w: services.link_need(
        need=_need(w), activity=Activity.objects.filter(project=w.project).first(), by=w.coordinator),
    "kopa.surveys.services.set_need_topics": lambda w: services.set_need_topics(
        need=_need(w), topics=list(Topic.objects.all()[:2]),
        by=w.coordinator),
    "kopa.surveys.services.create_questionnaire": lambda w: helpers.questionnaire(w.project, publish=False),
    "kopa.surveys.services.replace_structure": _replace,
    "kopa.surveys.services.new_version": _new_version,
    "kopa.surveys.services.publish_questionnaire": lambda w: services.publish_questionnaire(
        questionnaire=_draft(w), by=w.coordinator),
    "kopa.surveys.services.close_questionnaire": lambda w: services.close_questionnaire(
        questionnaire=helpers.questionnaire(w.project), by=w.coordinator),
    "kopa.surveys.services.invite": lambda w: helpers.invited(helpers.questionnaire(w.project)),
    "kopa.surveys.services.send_reminders": _reminders,
    "kopa.surveys.services.send_feedback_forms": _feedback,
    "kopa.surveys.services.save_draft": lambda w: services.save_draft(
        invitation=helpers.invited(helpers.questionnaire(w.project)), answers={"role": "staff"}),
    "kopa.surveys.services.submit": lambda w: services.submit(
        questionnaire=(s := helpers.questionnaire(w.project, anonymous=False)), answers=GOOD,
        invitation=helpers.invited(s)),
    "kopa.surveys.services.add_question": lambda w: services.add_question(
        questionnaire=_draft(w), question=QUESTION, section_titles={"lv": "Cits", "lt": "Kita", "en": "Other"},
        by=w.coordinator),
    "kopa.surveys.services.remove_question": _remove,
}
