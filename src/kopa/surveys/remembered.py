"""Survey results computed once per state of the survey, not on every request.

The results are aggregates over every answer (bench/scale_bench.py: at a tenth of EU size, 10,000 responses and
30,000 answers, the results page spent 170 ms in two of its GROUP BYs). They change only when a response or an
invitation is added, answered or removed, or the questions change; `stamp` reads that state in one query of index
lookups, and the figures are kept in Django's cache (Redis, or the database cache on one machine) under it, so a
new response makes the next request compute them afresh. A change the state does not see (an erasure redacts a
name in free-text answers) drops them all (`forget_all`). `KOPA_SURVEY_RESULTS_SECONDS` (300) bounds how long a
figure is kept at all.
"""

import dataclasses
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Subquery

from kopa.core.subqueries import count_of

from .models import Invitation, Question, Questionnaire, Response


def stamp(questionnaire: Questionnaire) -> str:
    """The state the results depend on, in one query (and the generation of kept results, `forget_all`)."""
    row = Questionnaire.objects.filter(pk=questionnaire.pk).values(
        state_responses=count_of(Response, Count("questionnaire"), questionnaire=OuterRef("pk")),
        state_last_response=Subquery(Response.objects.filter(questionnaire=OuterRef("pk")).order_by("-pk")
                                     .values("pk")[:1]),
        state_invited=count_of(Invitation, questionnaire=OuterRef("pk")),
        state_answered=count_of(Invitation, questionnaire=OuterRef("pk"), answered_at__isnull=False),
        state_last_invitation=count_of(Invitation, Max("pk"), questionnaire=OuterRef("pk")),
        state_questions=count_of(Question, section__questionnaire=OuterRef("pk")),
        state_last_question=count_of(Question, Max("pk"), section__questionnaire=OuterRef("pk")),
    ).first() or {}
    return ":".join([f"{name}={row[name]}" for name in sorted(row)] + [f"generation={cache.get(GENERATION, 0)}"])


GENERATION = "survey-results:generation"


def forget_all() -> None:
    """Drop every kept result (a new generation of keys): for changes the state does not see, such as an erasure
    that redacts a name in free-text answers."""
    cache.add(GENERATION, 0, None)
    try:
        cache.incr(GENERATION)
    except ValueError:  # expired between the two calls
        cache.set(GENERATION, 1, None)


def _key_part(value) -> str:
    pk = getattr(value, "pk", None)
    if pk is not None:
        return f"#{pk}"
    if dataclasses.is_dataclass(value):  # results.Filters: its fields, objects by their numbers
        return "(" + ",".join(f"{f.name}={_key_part(getattr(value, f.name))}" for f in dataclasses.fields(value)) + ")"
    return repr(value)


def remembered(questionnaire: Questionnaire, state: str, what: tuple, compute):
    """`compute()`'s result for this questionnaire in this state and for `what` (the function's name and its
    arguments: filters, page …), from the cache when it has it."""
    parts = [str(questionnaire.pk), state, str(getattr(settings, "KOPA_SURVEY_MIN_GROUP", "")), *map(_key_part, what)]
    key = "survey-results:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, getattr(settings, "KOPA_SURVEY_RESULTS_SECONDS", 300))
    return found
