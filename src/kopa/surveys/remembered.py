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
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Invitation, Question, Questionnaire, Response


def _aggregate(queryset, path: str, **aggregates):
    return {name: Coalesce(Subquery(queryset.filter(**{path: OuterRef("pk")}).order_by().values(path)
                                    .annotate(v=expression).values("v")), 0)
            for name, expression in aggregates.items()}


def stamp(questionnaire: Questionnaire) -> str:
    """The state the results depend on, in one query (and the generation of kept results, `forget_all`)."""
    row = Questionnaire.objects.filter(pk=questionnaire.pk).values(
        **_aggregate(Response.objects, "questionnaire", state_responses=Count("pk"), state_last_response=Max("pk")),
        **_aggregate(Invitation.objects, "questionnaire", state_invited=Count("pk"),
                     state_answered=Count("pk", filter=Q(answered_at__isnull=False)), state_last_invitation=Max("pk")),
        **_aggregate(Question.objects, "section__questionnaire", state_questions=Count("pk"),
                     state_last_question=Max("pk")),
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
