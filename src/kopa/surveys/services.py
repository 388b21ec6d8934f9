"""Every write to surveys. One transaction per call; DomainError with a translated message; nothing half-saved."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kopa.activities.models import Activity, Registration
from kopa.audit import anonymous_call, audited, log_action
from kopa.core.errors import DomainError, require
from kopa.core.links import site_url
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Position
from kopa.messaging import services as messaging

from .answering import anonymous_day, checked_draft, clean_answers, is_open, questions_of, structure_of  # noqa: F401  (reading writes nothing; callers find it here too)
from .models import Answer, Choice, Invitation, Need, Question, Questionnaire, Response, Section

# --- Needs ---------------------------------------------------------------------------------------------------

@audited
def save_need(*, project, code: str, names: dict[str, str], by=None, descriptions: dict | None = None) -> Need:
    need = Need.objects.filter(project=project, code=code).first() or Need(project=project, code=code)
    require(by, "surveys.change_need", need)
    set_translations(need, "name", names)
    if descriptions:
        set_translations(need, "description", descriptions)
    if not has_translation(need, "name"):
        raise DomainError(_("The need needs a name."), field="name_lv", code="required")
    need.save()
    return need


@audited
def link_need(*, need: Need, activity: Activity | None = None, work_plan_item=None, by=None, linked=True) -> Need:
    """Say that an activity (or a work plan item) answers a need — or, with linked=False, that it does not."""
    require(by, "surveys.change_need", need)
    for target, relation in ((activity, need.activities), (work_plan_item, need.work_plan_items)):
        if target is None:
            continue
        if target.project_id != need.project_id:
            raise DomainError(_("Only an activity of the same project can answer this need."), code="invalid")
        (relation.add if linked else relation.remove)(target)
    return need


@audited
def set_need_topics(*, need: Need, topics, by=None) -> Need:
    """Put a need on topics (IT, tourism …), so the topic page and its filters find it."""
    require(by, "surveys.change_need", need)
    need.topics.set(topics)
    return need


# --- Questionnaires ------------------------------------------------------------------------------------------

def _check_structure(sections: list[dict]) -> None:
    codes = set()
    choice_codes: dict[str, set[str]] = {}
    for s_number, section in enumerate(sections, start=1):
        if not any((section.get("title") or {}).values()):
            raise DomainError(_("Section %(number)d needs a title.") % {"number": s_number}, code="required")
        for question in section.get("questions", []):
            code = question.get("code", "")
            if not code or code in codes:
                raise DomainError(_("Every question needs a code of its own (“%(code)s”).") % {"code": code},
                                  code="invalid")
            codes.add(code)
            if question.get("kind") not in Question.Kind.values:
                raise DomainError(_("Question “%(code)s”: choose its kind.") % {"code": code}, code="required")
            if not any((question.get("text") or {}).values()):
                raise DomainError(_("Question “%(code)s” needs its text.") % {"code": code}, code="required")
            needs_choices = question["kind"] in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING)
            options = [c.get("code") for c in question.get("choices", [])]
            if needs_choices and (len(options) < 2 or len(set(options)) != len(options)):
                raise DomainError(_("Question “%(code)s” needs at least two answers, each with its own code.")
                                  % {"code": code}, code="required")
            choice_codes[code] = set(options)
            condition = question.get("show_if")
            if condition:
                target, _sep, choice = condition.partition(":")
                if choice not in choice_codes.get(target, set()):
                    raise DomainError(_("Question “%(code)s” depends on an answer of an earlier question that "
                                        "does not exist.") % {"code": code}, code="invalid")


@audited
def create_questionnaire(*, titles: dict[str, str], sections: list[dict], by=None, project=None, activity=None,
                         purpose: str = Questionnaire.Purpose.NEEDS, anonymous: bool = True, open_link: bool = False,
                         opens_at=None, closes_at=None, introductions: dict | None = None,
                         sample: bool = False) -> Questionnaire:
    """A draft questionnaire with its sections, questions and choices.

    sections: [{"title": {lang: …}, "questions": [{"code", "kind", "text": {lang: …}, "help": {…},
    "required", "ranking_size", "show_if": "question_code:choice_code", "choices": [{"code", "label": {…},
    "need": Need}]}]}]"""
    questionnaire = Questionnaire(project=project or (activity.project if activity else None), activity=activity,
                                  purpose=purpose, anonymous=anonymous, open_link=open_link, opens_at=opens_at,
                                  closes_at=closes_at, sample=sample)
    require(by, "surveys.add_questionnaire", questionnaire)
    set_translations(questionnaire, "title", titles)
    if introductions:
        set_translations(questionnaire, "introduction", introductions)
    if not has_translation(questionnaire, "title"):
        raise DomainError(_("The questionnaire needs a title."), field="title_lv", code="required")
    if opens_at and closes_at and closes_at <= opens_at:
        raise DomainError(_("The questionnaire must close after it opens."), field="closes_at", code="period")
    _check_structure(sections)
    questionnaire.save()
    _build(questionnaire, sections)
    return questionnaire


def _build(questionnaire: Questionnaire, sections: list[dict]) -> None:
    choices_by_code: dict[tuple[str, str], Choice] = {}
    for s_position, spec in enumerate(sections):
        section = Section(questionnaire=questionnaire, position=s_position)
        set_translations(section, "title", spec["title"])
        section.save()
        for q_position, q in enumerate(spec.get("questions", [])):
            question = Question(section=section, position=q_position, code=q["code"], kind=q["kind"],
                                required=q.get("required", True), ranking_size=q.get("ranking_size"))
            set_translations(question, "text", q["text"])
            set_translations(question, "help_text", q.get("help") or {})
            if q.get("show_if"):
                target, _sep, choice = q["show_if"].partition(":")
                question.show_if_choice = choices_by_code[(target, choice)]
            question.save()
            for c_position, c in enumerate(q.get("choices", [])):
                choice = Choice(question=question, position=c_position, code=c["code"], need=c.get("need"))
                set_translations(choice, "label", c["label"])
                choice.save()
                choices_by_code[(question.code, choice.code)] = choice


def _unanswered(questionnaire: Questionnaire) -> None:
    if questionnaire.responses.exists() or questionnaire.invitations.filter(answered_at__isnull=False).exists():
        raise DomainError(_("This questionnaire already has answers and cannot be changed under them. Make a new "
                            "version of it and change that."), code="has_answers")


@audited
def replace_structure(*, questionnaire: Questionnaire, sections: list[dict], by=None) -> Questionnaire:
    """Change the questions of a questionnaire nobody has answered yet; with answers, make a new version."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", questionnaire)
    _unanswered(questionnaire)
    _check_structure(sections)
    questionnaire.sections.all().delete()
    _build(questionnaire, sections)
    return questionnaire


@audited
def new_version(*, questionnaire: Questionnaire, by=None) -> Questionnaire:
    """A draft copy to change; the answered version is closed and keeps its answers as they were given."""
    old = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", old)
    if hasattr(old, "next_version"):
        raise DomainError(_("A newer version of this questionnaire already exists."), code="exists")
    languages = [code for code, _name in settings.LANGUAGES]
    copy = create_questionnaire(
        titles={code: getattr(old, f"title_{code}") or "" for code in languages},
        introductions={code: getattr(old, f"introduction_{code}") or "" for code in languages},
        sections=structure_of(old), by=by, project=old.project, activity=old.activity, purpose=old.purpose,
        anonymous=old.anonymous, open_link=old.open_link, opens_at=old.opens_at, closes_at=old.closes_at)
    copy.version, copy.previous = old.version + 1, old
    copy.save(update_fields=["version", "previous"])
    if old.status == Questionnaire.Status.PUBLISHED:
        old.status = Questionnaire.Status.CLOSED
        old.save(update_fields=["status"])
    return copy


@audited
def publish_questionnaire(*, questionnaire: Questionnaire, by=None) -> Questionnaire:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", questionnaire)
    if not Question.objects.filter(section__questionnaire=questionnaire).exists():
        raise DomainError(_("A questionnaire needs at least one question."), code="required")
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.save(update_fields=["status"])
    return questionnaire


@audited
def close_questionnaire(*, questionnaire: Questionnaire, by=None) -> Questionnaire:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", questionnaire)
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save(update_fields=["status"])
    return questionnaire


# --- Distribution --------------------------------------------------------------------------------------------

def _link(invitation: Invitation) -> str:
    return site_url(reverse("surveys:answer", args=[invitation.token]))


def _mail(invitation: Invitation, *, reminder: bool):
    """The invitation (or reminder) in the outbox, in the invited person's language."""
    questionnaire = invitation.questionnaire

    def values():
        closes = (formats.date_format(timezone.localtime(questionnaire.closes_at), "DATE_FORMAT")
                  if questionnaire.closes_at else _("until further notice"))
        return {"survey": questionnaire.title, "survey_link": _link(invitation), "closes": closes}

    code = "survey_reminder" if reminder else "survey_invitation"
    key = "" if reminder else f"survey_invitation:{questionnaire.pk}:{invitation.person_id}"
    return messaging.build(code, person=invitation.person, context=values, questionnaire=questionnaire,
                           activity=questionnaire.activity, project=questionnaire.project, key=key)


@dataclass
class Invited:
    """How many were invited, and who could not be: present staff with no e-mail address (never a silent zero)."""

    sent: int
    unreachable: list


@audited
def invite(*, questionnaire: Questionnaire, organisations=(), departments=(), by=None) -> int:
    """Invite the present staff (with an e-mail address) of these organisations or departments; returns how many
    new invitations were sent. People already invited are not invited twice."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", questionnaire)
    if questionnaire.status != Questionnaire.Status.PUBLISHED:
        raise DomainError(_("Publish the questionnaire before inviting people."), code="not_published")
    today = date.today()
    positions = Position.objects.exclude(end_date__lt=today).select_related("person", "organisation")
    positions = positions.filter(Q(organisation__in=list(organisations)) | Q(department__in=list(departments)))
    invited = set(questionnaire.invitations.values_list("person_id", flat=True))
    created, unreachable = [], []
    for position in positions.order_by("person_id", "pk"):
        if position.person_id in invited:
            continue
        invited.add(position.person_id)
        if not position.person.email:
            unreachable.append(position.person)
            continue
        created.append(Invitation.objects.create(questionnaire=questionnaire, person=position.person,
                                                 organisation=position.organisation, sent_at=timezone.now()))
    outbox = [_mail(i, reminder=False) for i in created]
    outbox += [messaging.build("survey_invitation", person=person, questionnaire=questionnaire,
                               key=f"survey_invitation:{questionnaire.pk}:{person.pk}",
                               context={"survey": questionnaire.title}) for person in unreachable]
    messaging.store(outbox)  # the unreachable are recorded as such in the outbox
    return Invited(sent=len(created), unreachable=sorted(unreachable, key=lambda p: (p.last_name, p.first_name)))


@audited
def send_reminders(*, questionnaire: Questionnaire, by=None) -> int:
    require(by, "surveys.change_questionnaire", questionnaire)
    pending = list(questionnaire.invitations.filter(answered_at__isnull=True).select_related(
        "person", "questionnaire").select_for_update(of=("self",)))
    now = timezone.now()
    for invitation in pending:
        invitation.reminded_at = now
    Invitation.objects.bulk_update(pending, ["reminded_at"])
    log_action(questionnaire, "surveys.send_reminders", note=f"{len(pending)} reminded")
    messaging.store([_mail(i, reminder=True) for i in pending])
    return len(pending)


@audited
def send_feedback_forms(*, activity: Activity) -> int:
    """Invite everyone who attended to the activity's published feedback questionnaires (once each)."""
    sent = 0
    attended = Registration.objects.filter(activity=activity, status=Registration.Status.ATTENDED).exclude(
        person__email="").select_related("person", "organisation")
    for questionnaire in activity.questionnaires.filter(purpose=Questionnaire.Purpose.FEEDBACK,
                                                        status=Questionnaire.Status.PUBLISHED):
        invited = set(questionnaire.invitations.values_list("person_id", flat=True))
        new = [Invitation.objects.create(questionnaire=questionnaire, person=r.person, organisation=r.organisation,
                                         sent_at=timezone.now())
               for r in attended if r.person_id not in invited]
        messaging.store([_mail(i, reminder=False) for i in new])
        sent += len(new)
    return sent


# --- Answering -----------------------------------------------------------------------------------------------


@audited
def save_draft(*, invitation: Invitation, answers: dict) -> Invitation:
    """Keep unfinished answers on the invitation (checked, but required answers may still be missing)."""
    invitation = Invitation.objects.select_for_update().select_related("questionnaire").get(pk=invitation.pk)
    if invitation.questionnaire.anonymous:
        anonymous_call(invitation.questionnaire)
    _check_can_answer(invitation.questionnaire, invitation)
    invitation.draft = checked_draft(questions_of(invitation.questionnaire), answers)
    invitation.save(update_fields=["draft"])
    return invitation


def _check_can_answer(questionnaire: Questionnaire, invitation: Invitation | None) -> None:
    if invitation is not None and invitation.answered_at is not None:
        raise DomainError(_("This link has already been used to answer. Thank you!"), code="answered")
    if not is_open(questionnaire):
        raise DomainError(_("The questionnaire is closed: answers are no longer accepted."), code="closed")


@audited
def submit(*, questionnaire: Questionnaire, answers: dict, invitation: Invitation | None = None,
           sample: bool = False, submitted_at=None, context: dict | None = None) -> Response:
    """Store a complete set of answers as one response. An invitation answers once. An identified response keeps
    who gave it and where from (organisation, municipality, department, position); an anonymous one keeps only
    the country and municipality (shown in groups of at least results.min_group()), the day, and the answers:
    a department or role the survey asks is an answer like any other."""
    if invitation is not None:
        invitation = Invitation.objects.select_for_update(of=("self",)).select_related(
            "person", "organisation__country", "organisation__municipality").get(pk=invitation.pk)
        questionnaire = invitation.questionnaire
    elif not questionnaire.open_link and not sample:
        raise DomainError(_("This questionnaire is answered through personal invitations only."), code="closed")
    if questionnaire.anonymous:
        anonymous_call(questionnaire)
    if not sample:
        _check_can_answer(questionnaire, invitation)
    questions = questions_of(questionnaire)
    cleaned = clean_answers(questions, answers)
    where = dict(context or {})
    if invitation is not None:
        where.setdefault("organisation", invitation.organisation)
    if invitation is not None and not questionnaire.anonymous:
        position = (Position.objects.filter(person=invitation.person, organisation=invitation.organisation)
                    .exclude(end_date__lt=date.today()).select_related("department").first())
        if position is not None:
            where.setdefault("department", position.department)
            where.setdefault("position_title", position.title)
    organisation = where.get("organisation")
    if organisation is not None:
        where.setdefault("municipality", organisation.municipality)
        where.setdefault("country_code", organisation.country.code if organisation.country_id else "")
    kept = ANONYMOUS_WHERE if questionnaire.anonymous else IDENTIFIED_WHERE
    moment = submitted_at or timezone.now()
    response = Response(questionnaire=questionnaire, sample=sample,
                        submitted_at=anonymous_day(moment) if questionnaire.anonymous else moment,
                        **{k: v for k, v in where.items() if k in kept})
    if invitation is not None and not questionnaire.anonymous:
        response.invitation, response.person = invitation, invitation.person
    response.save()
    Answer.objects.bulk_create(_answer_rows(response, questions, cleaned))
    if invitation is not None:
        # Anonymous: the invitation keeps only *that* it was answered. Its answered_at repeats sent_at, a time
        # already on the row, because any time of answering (even a day) could be matched with the responses,
        # whose ids and days follow the order of answering.
        invitation.answered_at = (invitation.sent_at or questionnaire.created_at) if questionnaire.anonymous \
            else timezone.now()
        invitation.draft = {}
        invitation.save(update_fields=["answered_at", "draft"])
    return response


IDENTIFIED_WHERE = ("organisation", "municipality", "country_code", "department", "position_title")
# An organisation, a department or a position narrows an anonymous answer to a handful of people; a municipality
# and a country are kept (results per municipality are what a needs survey is for) and shown only in groups of
# at least results.min_group() responses.
ANONYMOUS_WHERE = ("municipality", "country_code")


def _answer_rows(response: Response, questions: list[Question], cleaned: dict) -> list[Answer]:
    rows = []
    for question in questions:
        if question.code not in cleaned:
            continue
        value = cleaned[question.code]
        choices = {choice.code: choice for choice in question.choices.all()}
        if question.kind == Question.Kind.SINGLE:
            rows.append(Answer(response=response, question=question, choice=choices[value]))
        elif question.kind == Question.Kind.MULTIPLE:
            rows += [Answer(response=response, question=question, choice=choices[code]) for code in value]
        elif question.kind == Question.Kind.RANKING:
            rows += [Answer(response=response, question=question, choice=choices[code], rank=rank)
                     for rank, code in enumerate(value, start=1)]
        elif question.kind in (Question.Kind.LIKERT, Question.Kind.NUMBER):
            rows.append(Answer(response=response, question=question, number=value))
        else:
            rows.append(Answer(response=response, question=question, text=value))
    return rows


# --- Building a questionnaire in the pages, one question at a time ------------------------------------------

@audited
def add_question(*, questionnaire: Questionnaire, question: dict, section_titles: dict[str, str] | None = None,
                 section: Section | None = None, by=None) -> Question:
    """Append a question (in the form create_questionnaire takes) to a section, or to a new one."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    require(by, "surveys.change_questionnaire", questionnaire)
    _unanswered(questionnaire)
    structure = structure_of(questionnaire)
    taken = {q["code"] for s in structure for q in s["questions"]}
    base, number = question["code"], 2
    while question["code"] in taken:  # codes name the export's columns: unique, readable
        question = {**question, "code": f"{base[:45]}-{number}"}
        number += 1
    if section is not None:
        if section.questionnaire_id != questionnaire.pk:
            raise DomainError(_("Choose a section of this questionnaire."), field="section", code="invalid")
        index = list(questionnaire.sections.order_by("position", "pk").values_list("pk", flat=True)).index(section.pk)
        structure[index]["questions"].append(question)
    else:
        if not any((section_titles or {}).values()):
            raise DomainError(_("Choose a section or name a new one."), field="section_title_lv", code="required")
        structure.append({"title": section_titles, "questions": [question]})
    _check_structure(structure)
    questionnaire.sections.all().delete()
    _build(questionnaire, structure)
    return Question.objects.get(section__questionnaire=questionnaire, code=question["code"])


@audited
def remove_question(*, question: Question, by=None) -> None:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=question.section.questionnaire_id)
    require(by, "surveys.change_questionnaire", questionnaire)
    _unanswered(questionnaire)
    if question.choices.filter(reveals__isnull=False).exists():
        raise DomainError(_("Another question depends on an answer of this one; remove that one first."),
                          code="in_use")
    section = question.section
    question.delete()
    if not section.questions.exists():
        section.delete()
