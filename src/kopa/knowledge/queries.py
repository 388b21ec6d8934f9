"""Search over news, projects and activities in Latvian, Lithuanian and English.

PostgreSQL ships no Latvian stemmer and SQLite none at all, so both compare folded text: lower case
without diacritics (PostgreSQL's `unaccent`, on SQLite a function registered per connection), and each
word of the query is cut to a stem by dropping a Latvian or Lithuanian inflection ending, so "Utenā",
"Utenas" and "Utenos" all find "Utena". Every search costs one query per kind of result.
"""

import unicodedata

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Func, Q, TextField

from kopa.activities.models import Activity
from kopa.projects.models import Project

# Endings of Latvian and Lithuanian nouns and adjectives, without diacritics, longest first.
ENDINGS = sorted({"uose", "iems", "iais", "ams", "ems", "ose", "ais", "iem", "ies", "iu", "as", "is", "us",
                  "ys", "os", "es", "ai", "am", "ei", "em", "im", "ui", "a", "e", "i", "o", "u", "s"},
                 key=len, reverse=True)
SHORTEST_STEM = 4
LIMIT = 20


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    word = fold(word)
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


class Folded(Func):
    """Lower case without diacritics, in the database."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="KOPA_FOLD", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="unaccent(lower(%(expressions)s))", **extra_context)


def _register_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("KOPA_FOLD", 1, lambda value: fold(value) if value else value,
                                              deterministic=True)


def register_fold_function() -> None:
    """Called when the apps are ready, before the first connection; also covers connections already open."""
    connection_created.connect(_register_fold)
    for open_connection in connections.all(initialized_only=True):
        if open_connection.connection is not None:
            _register_fold(None, open_connection)


def _matching(queryset, fields: list[str], words: list[str]):
    annotations = {f"folded_{field}": Folded(field) for field in fields}
    queryset = queryset.annotate(**annotations)
    for word in words:
        queryset = queryset.filter(Q.create([(f"folded_{field}__contains", word) for field in fields],
                                            connector=Q.OR))
    return queryset


def terms(text: str) -> list[str]:
    return [stem(word) for word in text.split() if len(word.strip(".,;:!?\"'“”„")) > 1][:8]


def search(text: str) -> dict:
    """{"articles", "projects", "activities"}: up to LIMIT of each, newest first."""
    from kopa.publications.queries import published  # publications sits above knowledge's other callers

    words = terms(text)
    if not words:
        return {"articles": [], "projects": [], "activities": [], "words": []}
    languages = ("lv", "lt", "en")
    articles = _matching(published().select_related("project", "activity"),
                         [f"{f}_{code}" for f in ("title", "lead", "body") for code in languages],
                         words).in_publication_order()[:LIMIT]
    projects = _matching(Project.objects.select_related("programme"),
                         ["code", "acronym"] + [f"{f}_{code}" for f in ("title", "objective") for code in languages],
                         words).order_by("-start_date")[:LIMIT]
    activities = _matching(Activity.objects.all(),
                           [f"{f}_{code}" for f in ("title", "description", "venue") for code in languages],
                           words).order_by("-start_date")[:LIMIT]
    return {"articles": list(articles), "projects": list(projects), "activities": list(activities), "words": words}
