"""A small needs survey built through the services, used by the survey tests."""

from datetime import timedelta

from django.utils import timezone

from kopa.surveys import services
from tests import factories


def needs(project):
    return {code: services.save_need(project=project, code=code, names=names) for code, names in {
        "it": {"lv": "IT", "lt": "IT", "en": "IT"},
        "quality": {"lv": "Pakalpojumu kvalitāte", "lt": "Paslaugų kokybė", "en": "Service quality"},
        "tourism": {"lv": "Tūrisms", "lt": "Turizmas", "en": "Tourism"},
    }.items()}


def questionnaire(project=None, *, anonymous=True, open_link=False, closes_in_days=30, publish=True):
    project = project or factories.project()
    found = needs(project)
    sections = [{
        "title": {"lv": "Par jums", "lt": "Apie jus", "en": "About you"},
        "questions": [
            {"code": "role", "kind": "single", "text": {"lv": "Jūsu loma", "lt": "Jūsų vaidmuo", "en": "Your role"},
             "choices": [{"code": "head", "label": {"lv": "Vadītājs", "lt": "Vadovas", "en": "Head"}},
                         {"code": "staff", "label": {"lv": "Speciālists", "lt": "Specialistas", "en": "Staff"}}]},
            {"code": "team", "kind": "number", "required": False, "show_if": "role:head",
             "text": {"lv": "Cik darbinieku vadāt?", "lt": "Kiek darbuotojų vadovaujate?",
                      "en": "How many people do you lead?"}},
        ],
    }, {
        "title": {"lv": "Vajadzības", "lt": "Poreikiai", "en": "Needs"},
        "questions": [
            {"code": "rank", "kind": "ranking", "ranking_size": 2,
             "text": {"lv": "Sakārtojiet svarīgākās jomas", "lt": "Išrikiuokite svarbiausias sritis",
                      "en": "Rank the most important areas"},
             "choices": [{"code": code, "need": need, "label": {"lv": need.name_lv, "lt": need.name_lt,
                                                                 "en": need.name_en}} for code, need in found.items()]},
            {"code": "topics", "kind": "multiple", "required": False,
             "text": {"lv": "Tēmas", "lt": "Temos", "en": "Topics"},
             "choices": [{"code": "lean", "label": {"lv": "LEAN", "lt": "LEAN", "en": "LEAN"}},
                         {"code": "law", "label": {"lv": "Tiesības", "lt": "Teisė", "en": "Law"}}]},
            {"code": "satisfied", "kind": "likert", "required": False,
             "text": {"lv": "Esmu apmierināts", "lt": "Esu patenkintas", "en": "I am satisfied"}},
            {"code": "comment", "kind": "text", "required": False,
             "text": {"lv": "Komentārs", "lt": "Komentaras", "en": "Comment"}},
        ],
    }]
    result = services.create_questionnaire(
        titles={"lv": "Vajadzību aptauja", "lt": "Poreikių apklausa", "en": "Needs survey"}, sections=sections,
        project=project, anonymous=anonymous, open_link=open_link,
        closes_at=timezone.now() + timedelta(days=closes_in_days))
    if publish:
        result = services.publish_questionnaire(questionnaire=result)
    return result


def invited(questionnaire, organisation=None, email="darbinieks@example.lv"):
    organisation = organisation or factories.organisation()
    factories.employee(organisation, email=email)
    services.invite(questionnaire=questionnaire, organisations=[organisation])
    return questionnaire.invitations.order_by("-pk").first()
