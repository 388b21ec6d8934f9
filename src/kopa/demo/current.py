"""A coordinator's week as it stands on the day the demo is loaded: the LLI-59 partners' network meets after the
project (sample data, not in the articles), so that "My work" has something of each kind to do.

Every other demo fact is dated as its article dates it; these are dated relative to the load, because what they
show (a seat offer about to expire, a seminar held last week and not yet closed, a feedback survey still running)
is true only near "now". Otherwise deterministic: the same people, seats and answers on every load.

- a workshop in ten days, full, where a cancellation has just offered the seat to the first person waiting, for
  twelve hours: an offer about to expire (and a registration to confirm);
- a seminar in three weeks where the seat offer has three days left: a registration to confirm, not yet urgent;
- a seminar held a week ago, attendance recorded, neither closed nor written up: "held but not closed" and "no
  article";
- a feedback survey on that seminar, sent to the participants (who have e-mail addresses), two of them answered.

Loaded after the news (which writes an article for every held activity) and after the needs survey. Safe to
repeat: an activity is found again by its Latvian title alone (its dates move with the day it was loaded), the
survey by its activity.
"""

from collections import Counter
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from kopa.activities import services
from kopa.activities.models import Activity
from kopa.directory import services as directory
from kopa.directory.models import Organisation, Person
from kopa.projects.models import Project
from kopa.surveys import services as surveys
from kopa.surveys.models import Questionnaire

from .activities import SAMPLE_TITLE, _t

PROJECT = "LLI-59"
ORGANISER = "latgale-planning-region"

# (Latvian title key, fields, days from today, capacity, hours a seat offer stands, sign-ups by organisation)
COMING = [
    {
        "fields": {
            **_t("Atvērtās līderības tīkla darbnīca (parauga dati)", "Atviros lyderystės tinklo dirbtuvės "
                 "(pavyzdiniai duomenys)", "Open Leadership network workshop (sample data)"),
            **_t("Parauga pasākums demonstrācijai: avotos tā nav.", "Pavyzdinis renginys demonstracijai: "
                 "šaltiniuose jo nėra.", "A sample event for the demonstration: it is not in the sources.",
                 "description"),
            **_t("Rēzekne", "Rėzeknė", "Rēzekne", "venue"),
            "kind": "workshop", "format": "in_person", "capacity": 2, "offer_hours": 12,
        },
        "in_days": 10,
        "sign_ups": [("rezekne-city-council", 1), ("balvi-municipality", 1), ("ludza-municipality", 1)],
    },
    {
        "fields": {
            **_t("Atvērtās līderības tīkla seminārs (parauga dati)", "Atviros lyderystės tinklo seminaras "
                 "(pavyzdiniai duomenys)", "Open Leadership network seminar (sample data)"),
            **_t("Parauga pasākums demonstrācijai: avotos tā nav.", "Pavyzdinis renginys demonstracijai: "
                 "šaltiniuose jo nėra.", "A sample event for the demonstration: it is not in the sources.",
                 "description"),
            **_t("Daugavpils", "Daugpilis", "Daugavpils", "venue"),
            "kind": "seminar", "format": "in_person", "capacity": 1, "offer_hours": 72,
        },
        "in_days": 21,
        "sign_ups": [("kraslava-municipality", 1), ("preili-municipality", 1)],
    },
]

HELD = {
    "fields": {
        **_t("Atvērtās līderības tīkla tikšanās (parauga dati)", "Atviros lyderystės tinklo susitikimas "
             "(pavyzdiniai duomenys)", "Open Leadership network meeting (sample data)"),
        **_t("Parauga pasākums demonstrācijai: avotos tā nav.", "Pavyzdinis renginys demonstracijai: "
             "šaltiniuose jo nėra.", "A sample event for the demonstration: it is not in the sources.",
             "description"),
        **_t("Preiļi", "Preiliai", "Preiļi", "venue"),
        # A seminar, not a study visit or a training: LLI-59's indicators count those, as the articles report.
        "kind": "seminar", "format": "in_person", "capacity": 20,
    },
    "days_ago": 7,
    "participants": [("preili-municipality", 2), ("livani-municipality", 2), ("aglona-municipality", 2)],
}

UNWRITTEN = [HELD["fields"]["title_lv"]]  # the news loader writes no article on these

FEEDBACK_TITLES = {"lv": "Atsauksmes par tīkla tikšanos (parauga dati)",
                   "lt": "Atsiliepimai apie tinklo susitikimą (pavyzdiniai duomenys)",
                   "en": "Feedback on the network meeting (sample data)"}
FEEDBACK_SECTIONS = [{
    "title": {"lv": "Tikšanās", "lt": "Susitikimas", "en": "The meeting"},
    "questions": [
        {"code": "useful", "kind": "likert",
         "text": {"lv": "Tikšanās bija noderīga manam darbam.", "lt": "Susitikimas buvo naudingas mano darbui.",
                  "en": "The meeting was useful for my work."}},
        {"code": "next", "kind": "text", "required": False,
         "text": {"lv": "Ko apspriest nākamajā tikšanās reizē?", "lt": "Ką aptarti kitame susitikime?",
                  "en": "What should the next meeting discuss?"}},
    ],
}]
FEEDBACK_OPEN_DAYS = 14  # after the meeting
ANSWERS = [{"useful": 5, "next": "Pakalpojumu karte"}, {"useful": 4}]  # the first two invited answered


def load_demo_current(now: datetime | None = None) -> Counter:
    created: Counter = Counter()
    now = now or timezone.now()
    today = timezone.localdate(now)
    project = Project.objects.filter(code=PROJECT).first()
    organiser = Organisation.objects.filter(slug=ORGANISER).first()
    if project is None or organiser is None:
        return created
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        for spec in COMING:
            if _find(spec) is None:
                _coming(spec, project, organiser, today + timedelta(days=spec["in_days"]), now, created)
        held = _find(HELD) or _held(HELD, project, organiser, today - timedelta(days=HELD["days_ago"]), created)
        if not held.questionnaires.exists():
            _feedback(held, now, created)
    return created


def _find(spec: dict) -> Activity | None:
    return Activity.objects.filter(title_lv=spec["fields"]["title_lv"]).order_by("pk").first()


def _create(spec: dict, project: Project, organiser: Organisation, day, created: Counter) -> Activity:
    activity = services.create_activity(organisers=[organiser], project=project, start_date=day, end_date=day,
                                        **spec["fields"])
    services.set_status(activity=activity, status="open")
    created["activities"] += 1
    return activity


def _coming(spec, project, organiser, day, now, created) -> None:
    """The first to sign up cancels today: the seat goes to the first person waiting, for `offer_hours`."""
    activity = _create(spec, project, organiser, day, created)
    registrations = []
    for slug, count in spec["sign_ups"]:
        organisation = Organisation.objects.get(slug=slug)
        for n in range(1, count + 1):
            registrations.append(services.register(activity=activity, person=_participant(organisation, n),
                                                   organisation=organisation, sample=True,
                                                   now=now - timedelta(days=7)))
            created["registrations"] += 1
    services.cancel(registration=registrations[0], now=now)


def _held(spec, project, organiser, day, created) -> Activity:
    """Signed up before the day, attendance recorded from the sign-in sheet: left to close and write up."""
    activity = _create(spec, project, organiser, day, created)
    before = timezone.make_aware(datetime.combine(day - timedelta(days=3), time(9, 0)))
    attended = set()
    for slug, count in spec["participants"]:
        organisation = Organisation.objects.get(slug=slug)
        for n in range(1, count + 1):
            attended.add(services.register(activity=activity, person=_participant(organisation, n),
                                           organisation=organisation, sample=True, now=before).pk)
            created["registrations"] += 1
    services.set_status(activity=activity, status="held")
    services.mark_attendance(activity=activity, attended_ids=attended)
    return activity


def _participant(organisation: Organisation, n: int) -> Person:
    """Generated like the other sample participants, with an address at a reserved domain (RFC 2606) so that
    invitations reach them in the demo and nowhere else."""
    first_name, last_name = "Parauga", f"Tīkla dalībnieks {organisation.slug} {n}"
    person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
    if person is None:
        person = directory.save_person(first_name=first_name, last_name=last_name,
                                       email=f"tikls.{organisation.slug}.{n}@example.org")
        directory.save_position(person=person, organisation=organisation, titles=SAMPLE_TITLE)
    return person


def _feedback(activity: Activity, now, created: Counter) -> Questionnaire:
    """Sent to those who attended, the way it is sent after any activity; two have answered so far."""
    opens = timezone.make_aware(datetime.combine(activity.end_date, time(18, 0)))
    questionnaire = surveys.create_questionnaire(
        titles=FEEDBACK_TITLES, sections=FEEDBACK_SECTIONS, activity=activity,
        purpose=Questionnaire.Purpose.FEEDBACK, opens_at=opens, closes_at=opens + timedelta(days=FEEDBACK_OPEN_DAYS),
        sample=True)
    surveys.publish_questionnaire(questionnaire=questionnaire)
    surveys.send_feedback_forms(activity=activity)
    invitations = list(questionnaire.invitations.order_by("person__last_name", "pk"))
    for invitation, answers in zip(invitations, ANSWERS, strict=False):
        surveys.submit(questionnaire=questionnaire, invitation=invitation, answers=answers,
                       submitted_at=opens + timedelta(days=1))
        created["survey_responses"] += 1
    created["questionnaires"] += 1
    return questionnaire
