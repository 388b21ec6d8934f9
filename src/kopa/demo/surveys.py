"""The LLI-59 needs survey: the questionnaire the project could have sent while it was being prepared
(article 004: "a survey of employees revealed the main problem areas and needs"), the needs it revealed,
generated answers from the 17 associated municipalities (labelled as sample data), and the demo activities
linked to the needs they answer.

DEMO ASSUMPTIONS: the article gives neither the questions nor the answers. The questions, the seven needs
(named after the fields the article lists: service efficiency, cooperation between institutions, IT,
tourism, culture, LEAN, leadership) and every answer are ours; the answers are random with a fixed seed,
weighted so that the article's priorities come first. IT is deliberately left without an activity in the
demo, so the coverage page shows an uncovered need.
"""

import random
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from kopa.activities.models import Activity
from kopa.projects.models import Partnership, Project
from kopa.surveys import services
from kopa.surveys.models import Questionnaire

PROJECT = "LLI-59"
NEEDS = [  # code, names, weight in the generated rankings
    ("services", {"lv": "Publisko pakalpojumu efektivitāte", "lt": "Viešųjų paslaugų efektyvumas",
                  "en": "Efficiency of public services"}, 9),
    ("cooperation", {"lv": "Sadarbība starp iestādēm", "lt": "Institucijų bendradarbiavimas",
                     "en": "Cooperation between institutions"}, 8),
    ("lean", {"lv": "LEAN vadības sistēma", "lt": "LEAN vadybos sistema", "en": "LEAN management system"}, 6),
    ("leadership", {"lv": "Atvērta līderība", "lt": "Atvira lyderystė", "en": "Open leadership"}, 5),
    ("it", {"lv": "Informācijas tehnoloģijas", "lt": "Informacinės technologijos",
            "en": "Information technology"}, 5),
    ("tourism", {"lv": "Tūrisms", "lt": "Turizmas", "en": "Tourism"}, 4),
    ("culture", {"lv": "Kultūra", "lt": "Kultūra", "en": "Culture"}, 3),
]
# Which demo activity answers which need (by the activity's start date).
ANSWERED_BY = {"2018-05-29": ["tourism", "culture", "leadership"], "2018-06-12": ["cooperation"],
               "2018-06-19": ["cooperation"], "2018-10-16": ["lean", "services"]}
FORMATS = [("conference", {"lv": "Konferences", "lt": "Konferencijos", "en": "Conferences"}),
           ("workshop", {"lv": "Darbnīcas", "lt": "Dirbtuvės", "en": "Workshops"}),
           ("training", {"lv": "Apmācības", "lt": "Mokymai", "en": "Trainings"}),
           ("coaching", {"lv": "Koučings", "lt": "Koučingas", "en": "Coaching"}),
           ("visit", {"lv": "Pieredzes apmaiņas braucieni", "lt": "Patirties mainų vizitai", "en": "Study visits"})]
RESPONSES_PER_MUNICIPALITY = (5, 12)


def _structure(needs: dict) -> list[dict]:
    return [{
        "title": {"lv": "Par jums", "lt": "Apie jus", "en": "About you"},
        "questions": [
            {"code": "position", "kind": "single",
             "text": {"lv": "Jūsu amats", "lt": "Jūsų pareigos", "en": "Your position"},
             "choices": [{"code": "head", "label": {"lv": "Vadītājs", "lt": "Vadovas", "en": "Head of unit"}},
                         {"code": "specialist", "label": {"lv": "Speciālists", "lt": "Specialistas",
                                                          "en": "Specialist"}},
                         {"code": "other", "label": {"lv": "Cits", "lt": "Kita", "en": "Other"}}]},
            {"code": "years", "kind": "number", "required": False,
             "text": {"lv": "Cik gadus strādājat pašvaldībā?", "lt": "Kiek metų dirbate savivaldybėje?",
                      "en": "How many years have you worked in local government?"}},
        ],
    }, {
        "title": {"lv": "Problēmzonas un vajadzības", "lt": "Probleminės sritys ir poreikiai",
                  "en": "Problem areas and needs"},
        "questions": [
            {"code": "needs", "kind": "ranking", "ranking_size": 3,
             "text": {"lv": "Kuras trīs jomas jūsu darbā visvairāk jāuzlabo? Sakārtojiet pēc svarīguma.",
                      "lt": "Kurias tris savo darbo sritis labiausiai reikia tobulinti? Išrikiuokite pagal svarbą.",
                      "en": "Which three areas of your work need improving most? Rank them by importance."},
             "choices": [{"code": code, "need": need, "label": {lang: getattr(need, f"name_{lang}")
                                                                  for lang in ("lv", "lt", "en")}}
                         for code, need in needs.items()]},
            {"code": "cooperation", "kind": "likert",
             "text": {"lv": "Sadarbība starp mūsu pašvaldības iestādēm darbojas labi.",
                      "lt": "Mūsų savivaldybės institucijų bendradarbiavimas veikia gerai.",
                      "en": "Cooperation between the institutions of our municipality works well."}},
            {"code": "formats", "kind": "multiple",
             "text": {"lv": "Kādās aktivitātēs jūs labprāt piedalītos?", "lt": "Kokiose veiklose norėtumėte dalyvauti?",
                      "en": "Which activities would you take part in?"},
             "choices": [{"code": code, "label": label} for code, label in FORMATS]},
            {"code": "visit_where", "kind": "single", "required": False, "show_if": "formats:visit",
             "text": {"lv": "Kur jūs vēlētos doties pieredzes apmaiņā?", "lt": "Kur norėtumėte vykti patirties mainų?",
                      "en": "Where would you go on a study visit?"},
             "choices": [{"code": "lv", "label": {"lv": "Latvijā", "lt": "Latvijoje", "en": "Latvia"}},
                         {"code": "lt", "label": {"lv": "Lietuvā", "lt": "Lietuvoje", "en": "Lithuania"}}]},
            {"code": "other", "kind": "text", "required": False,
             "text": {"lv": "Citas vajadzības", "lt": "Kiti poreikiai", "en": "Other needs"}},
        ],
    }]


def _answers(rng: random.Random, country: str) -> dict:
    codes = [code for code, _names, _weight in NEEDS]
    weights = [weight for _code, _names, weight in NEEDS]
    ranked: list[str] = []
    while len(ranked) < 3:
        pick = rng.choices(codes, weights)[0]
        if pick not in ranked:
            ranked.append(pick)
    formats = [code for code, _label in FORMATS if rng.random() < 0.45] or ["training"]
    answers = {"position": rng.choices(["head", "specialist", "other"], [2, 6, 1])[0],
               "years": rng.randint(1, 30), "needs": ranked, "cooperation": rng.choices(range(1, 6),
                                                                                        [1, 3, 4, 3, 1])[0],
               "formats": formats}
    if "visit" in formats:
        answers["visit_where"] = "lt" if country == "LV" else "lv"
    return answers


def load_demo_surveys() -> Counter:
    created: Counter = Counter()
    project = Project.objects.filter(code=PROJECT).first()
    if project is None or Questionnaire.objects.filter(project=project, sample=True).exists():
        return created
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        needs = {code: services.save_need(project=project, code=code, names=names) for code, names, _w in NEEDS}
        created["needs"] += len(needs)
        for day, codes in ANSWERED_BY.items():
            activity = Activity.objects.filter(project=project, start_date=day).first()
            for code in codes if activity else ():
                services.link_need(need=needs[code], activity=activity)
        opens = timezone.make_aware(datetime(2016, 10, 3, 9))
        questionnaire = services.create_questionnaire(
            titles={"lv": "Pašvaldību darbinieku vajadzību aptauja (parauga dati)",
                    "lt": "Savivaldybių darbuotojų poreikių apklausa (pavyzdiniai duomenys)",
                    "en": "Needs survey of municipal employees (sample data)"},
            introductions={"lv": "Aptauja palīdz izvēlēties projekta aktivitātes.",
                           "lt": "Apklausa padeda pasirinkti projekto veiklas.",
                           "en": "The survey helps to choose the project's activities."},
            sections=_structure(needs), project=project, anonymous=True, opens_at=opens,
            closes_at=opens + timedelta(days=42), sample=True)
        services.publish_questionnaire(questionnaire=questionnaire)
        rng = random.Random(59)
        associated = Partnership.objects.filter(project=project, role=Partnership.Role.ASSOCIATED).select_related(
            "organisation__country", "organisation__municipality").order_by("organisation__slug")
        for partnership in associated:
            organisation = partnership.organisation
            for _ in range(rng.randint(*RESPONSES_PER_MUNICIPALITY)):
                services.submit(questionnaire=questionnaire, answers=_answers(rng, organisation.country.code),
                                sample=True, context={"organisation": organisation},
                                submitted_at=opens + timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 8)))
                created["survey_responses"] += 1
        services.close_questionnaire(questionnaire=questionnaire)
        created["questionnaires"] += 1
    return created
