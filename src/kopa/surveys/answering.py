"""Reading a questionnaire and checking answers: what the answering pages, the API and the services share.
Nothing here writes (kopa.surveys.services does)."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from .models import Question, Questionnaire

LIKERT = range(1, 6)


def structure_of(questionnaire: Questionnaire) -> list[dict]:
    """The questionnaire as create_questionnaire takes it: to copy it into a new version."""
    languages = [code for code, _name in settings.LANGUAGES]
    result = []
    for section in questionnaire.sections.prefetch_related("questions__choices__need",
                                                           "questions__show_if_choice__question"):
        questions = []
        for q in section.questions.all():
            questions.append({
                "code": q.code, "kind": q.kind, "required": q.required, "ranking_size": q.ranking_size,
                "text": {code: getattr(q, f"text_{code}") or "" for code in languages},
                "help": {code: getattr(q, f"help_text_{code}") or "" for code in languages},
                "show_if": f"{q.show_if_choice.question.code}:{q.show_if_choice.code}" if q.show_if_choice else "",
                "choices": [{"code": c.code, "need": c.need,
                             "label": {code: getattr(c, f"label_{code}") or "" for code in languages}}
                            for c in q.choices.all()],
            })
        result.append({"title": {code: getattr(section, f"title_{code}") or "" for code in languages},
                       "questions": questions})
    return result


def is_open(questionnaire: Questionnaire, now=None) -> bool:
    now = now or timezone.now()
    return (questionnaire.status == Questionnaire.Status.PUBLISHED
            and (questionnaire.opens_at is None or questionnaire.opens_at <= now)
            and (questionnaire.closes_at is None or now < questionnaire.closes_at))


def open_now(now=None) -> Q:
    """`is_open` as a filter of questionnaires (the same three conditions), for lists read only as far as shown."""
    now = now or timezone.now()
    return (Q(status=Questionnaire.Status.PUBLISHED) & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
            & (Q(closes_at__isnull=True) | Q(closes_at__gt=now)))


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.filter(section__questionnaire=questionnaire).select_related(
        "section", "show_if_choice__question").prefetch_related("choices").order_by(
        "section__position", "section_id", "position", "pk"))


def _shown(question: Question, answers: dict) -> bool:
    condition = question.show_if_choice
    if condition is None:
        return True
    given = answers.get(condition.question.code)
    return condition.code == given or (isinstance(given, list) and condition.code in given)


def clean_answers(questions: list[Question], answers: dict, *, partial: bool = False) -> dict[str, object]:
    """Check every answer against its question; returns the answers of the questions shown, parsed.

    With partial=True (saving to continue later) a missing required answer is not an error yet."""
    cleaned: dict[str, object] = {}
    for question in questions:
        if not _shown(question, answers):
            continue
        value = answers.get(question.code)
        empty = value in (None, "", [], ())
        if empty:
            if question.required and not partial:
                raise DomainError(_("Please answer “%(question)s”.") % {"question": question.text},
                                  field=question.code, code="required")
            continue
        codes = {choice.code for choice in question.choices.all()}
        error = DomainError(_("The answer to “%(question)s” is not one of its choices.") % {
            "question": question.text}, field=question.code, code="invalid")
        if question.kind == Question.Kind.SINGLE:
            if value not in codes:
                raise error
        elif question.kind == Question.Kind.MULTIPLE:
            value = [value] if isinstance(value, str) else list(value)
            if not set(value) <= codes or len(set(value)) != len(value):
                raise error
        elif question.kind == Question.Kind.RANKING:
            value = [v for v in (value if isinstance(value, list | tuple) else [value]) if v]
            if len(set(value)) != len(value):
                raise DomainError(_("“%(question)s”: each place in the ranking needs a different answer.") % {
                    "question": question.text}, field=question.code, code="duplicate")
            if not set(value) <= codes:
                raise error
            wanted = min(question.ranking_size or len(codes), len(codes))
            if len(value) != wanted and not partial:
                raise DomainError(_("“%(question)s”: rank %(count)d answers.") % {
                    "question": question.text, "count": wanted}, field=question.code, code="incomplete")
        elif question.kind == Question.Kind.LIKERT:
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise error from None
            if value not in LIKERT:
                raise error
        elif question.kind == Question.Kind.NUMBER:
            try:
                value = Decimal(str(value).replace(",", ".").strip())
            except InvalidOperation:
                raise DomainError(_("“%(question)s”: write a number.") % {"question": question.text},
                                  field=question.code, code="invalid") from None
            if not value.is_finite() or abs(value) >= Decimal("1e12"):
                raise DomainError(_("“%(question)s”: write a number.") % {"question": question.text},
                                  field=question.code, code="invalid")
        else:
            value = str(value).strip()[:5000]
        cleaned[question.code] = value
    return cleaned


def checked_draft(questions: list[Question], answers: dict) -> dict:
    """Unfinished answers, checked (required ones may still be missing), as JSON to keep until submission."""
    cleaned = clean_answers(questions, answers, partial=True)
    return {code: str(value) if isinstance(value, Decimal) else value for code, value in cleaned.items()}


def anonymous_day(moment):
    """The start of the local day of `moment`: an anonymous response keeps the day it came, not the time, so it
    cannot be matched with a log line or a sent mail. A datetime (midnight in settings.TIME_ZONE) rather than a
    date keeps one column type for both kinds of questionnaire and their ordering and filters."""
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)
