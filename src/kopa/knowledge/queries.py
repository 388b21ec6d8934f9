"""Search over news, projects and activities in Latvian, Lithuanian and English, on an index.

The index (kopa.knowledge.index) holds every language's texts folded (lower case, no diacritics). PostgreSQL ships
no Latvian stemmer and SQLite none at all, so each word of the query is cut to a stem by dropping a Latvian or
Lithuanian inflection ending and matched as a prefix: "Utenā", "Utenas" and "utenos" all find "Utena" and "Utenā",
"anyksciu" finds "Anykščiai". Projects are also found by their other names (aliases) and, on PostgreSQL, by a
near spelling of a name or code (trigrams). A title equal to the query comes first, then the index's rank.

One query per kind of result, whatever the size of the data: the rank, the highlighted title and snippet and the
number found come with the rows (the highlights only for the rows shown).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.db.models import Case, Count, F, Func, IntegerField, Model, Q, TextField, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kopa.activities.models import Activity
from kopa.projects.models import Project
from kopa.publications.models import Article

from . import index

# Endings of Latvian and Lithuanian nouns and adjectives, without diacritics, longest first.
ENDINGS = sorted({"uose", "iems", "iais", "ams", "ems", "ose", "ais", "iem", "ies", "iu", "as", "is", "us",
                  "ys", "os", "es", "ai", "am", "ei", "em", "im", "ui", "a", "e", "i", "o", "u", "s"},
                 key=len, reverse=True)
SHORTEST_STEM = 4
MOST_WORDS = 8
CANDIDATES = 300
LOOKED_AT = 1000
KINDS = index.KINDS
# Characters no text uses (Unicode private use) mark the matched words between the database and `marked`.
START, STOP = "\ue000", "\ue001"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    word = fold(word)
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


def terms(text: str) -> list[str]:
    """The query's words as stems, split where the index splits words ("LLI-59" is "lli" and "59")."""
    words = [word for word in re.split(r"[\W_]+", fold(text)) if len(word) > 1]
    return list(dict.fromkeys(stem(word) for word in words))[:MOST_WORDS]


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


def marked(text: str | None) -> SafeString:
    """The text HTML-escaped, with only the words the database marked inside <mark> (always balanced)."""
    pieces, inside = [], False
    for piece in re.split(f"([{START}{STOP}])", text or ""):
        if piece == START:
            if not inside:
                pieces.append("<mark>")
            inside = True
        elif piece == STOP:
            if inside:
                pieces.append("</mark>")
            inside = False
        else:
            pieces.append(escape(piece))
    if inside:
        pieces.append("</mark>")
    return mark_safe("".join(pieces))


# What each database adds to a query: the match, the rank and the highlights ---------------------------------------


class _Postgres:
    def __init__(self, words: list[str], text: str):
        self.query = " & ".join(f"{word}:*" for word in words)
        self.text = fold(text)
        # Not for codes: "BENCH-001234" shares most of its trigrams with every other code of its series.
        self.near = len(self.text) >= 4 and not any(c.isdigit() for c in self.text)

    def _tsquery(self):
        return f"to_tsquery('{index.CONFIGURATION}', %s)"

    def matching(self, kind: index.Kind, most: int) -> RawSQL:
        # A CTE is planned apart from the LIMIT of the query around it: with that LIMIT in view (and no estimate of
        # how many texts a prefix matches) the planner reads the whole table for a rare word, hoping to stop early.
        # Read lazily up to `most`, it still stops early for a common word: the index's bitmap, then a few rows.
        found, params = f"SELECT id FROM {kind.index} WHERE vector @@ {self._tsquery()}", [self.query]
        if kind.names and self.near:  # a near spelling of a code, acronym or alias (trigrams) also finds a project
            # A UNION, not OR: with OR the planner tests the trigrams on every row instead of using their index. UNION
            # ALL: the CTE is then read only as far as `most` (the IN around it drops a repeated id), where UNION
            # read all 20,000 projects a common word is in to remove repeats first.
            found, params = (f"{found} UNION ALL SELECT id FROM {kind.index} WHERE %s <%% names",
                             [self.query, self.text])
        return RawSQL(f"WITH found AS MATERIALIZED ({found}) SELECT id FROM found LIMIT %s", [*params, most])

    def score(self, kind: index.Kind) -> RawSQL:
        similarity, params = "", [self.query]
        if kind.names and self.near:
            similarity, params = " + word_similarity(%s, d.names)", [self.query, self.text]
        return RawSQL(f"SELECT ts_rank(d.vector, {self._tsquery()}){similarity} FROM {kind.index} d "
                      f"WHERE d.id = {kind.table}.id", params)

    def title(self, kind: index.Kind, fields: list[str]) -> RawSQL:
        shown = ", ".join(f"nullif({kind.table}.{name}, '')" for name in fields)
        return RawSQL(f"ts_headline('{index.CONFIGURATION}', coalesce({shown}, ''), {self._tsquery()}, %s)",
                      [self.query, f"HighlightAll=true, StartSel={START}, StopSel={STOP}"])

    def snippet(self, kind: index.Kind, fields: list[str]) -> RawSQL:
        text = ", ".join(f"{kind.table}.{name}" for name in fields)
        return RawSQL(f"ts_headline('{index.CONFIGURATION}', concat_ws(' ', {text}), {self._tsquery()}, %s)",
                      [self.query, f"MaxFragments=2, MaxWords=16, MinWords=6, ShortWord=2, StartSel={START}, "
                                   f'StopSel={STOP}, FragmentDelimiter=" … "'])


class _Sqlite:
    def __init__(self, words: list[str], text: str):
        # The words hold letters and digits only (terms() split the rest away), so quoting them is enough.
        self.query = " AND ".join(f'"{word}"*' for word in words)

    def _one(self, kind: index.Kind, what: str, params=()) -> RawSQL:
        return RawSQL(f"SELECT {what} FROM {kind.index} WHERE {kind.index} MATCH %s AND rowid = {kind.table}.id",
                      [*params, self.query])

    def matching(self, kind: index.Kind, most: int) -> RawSQL:
        return RawSQL(f"SELECT rowid FROM {kind.index} WHERE {kind.index} MATCH %s LIMIT %s", [self.query, most])

    def score(self, kind: index.Kind) -> RawSQL:
        weights = ", ".join("10.0" if column != "text" else "1.0" for column in index.sqlite_columns(kind))
        return self._one(kind, f"-bm25({kind.index}, {weights})")

    def title(self, kind: index.Kind, fields: list[str]) -> RawSQL:
        columns = index.sqlite_columns(kind)
        choice = " ".join(f"WHEN coalesce({kind.table}.{name}, '') <> '' THEN {columns.index(name)}"
                          for name in fields)
        return self._one(kind, f"coalesce(highlight({kind.index}, CASE {choice} ELSE 0 END, %s, %s), '')",
                         [START, STOP])

    def snippet(self, kind: index.Kind, fields: list[str]) -> RawSQL:
        text = index.sqlite_columns(kind).index("text")
        return self._one(kind, f"snippet({kind.index}, {text}, %s, %s, ' … ', 16)", [START, STOP])


# The search -------------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    object: Model
    title: SafeString
    snippet: SafeString


@dataclass
class Found:
    kind: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # at most CANDIDATES

    @property
    def capped(self) -> bool:
        """More were found than were ranked (the page says "300+")."""
        return self.total >= CANDIDATES


def _language() -> str:
    language = (get_language() or "lv")[:2]
    return language if language in index.LANGUAGES else "lv"


def _in_order(fields: tuple[str, ...], language: str) -> list[str]:
    """The fields of the page's language first, then Latvian, Lithuanian and English (modeltranslation's order)."""
    order = [language, *(code for code in index.LANGUAGES if code != language)]
    return sorted(fields, key=lambda name: (order.index(name.rsplit("_", 1)[1]), fields.index(name)))


TITLES = [f"title_{code}" for code in index.LANGUAGES]
SHOWN = ["title", *TITLES]  # only what the page shows is read: narrower rows, simpler plans


def _records(kind: str, *, project, topic_ids, year):
    if kind == "article":
        records = Article.objects.filter(status=Article.Status.PUBLISHED).only(
            "slug", "published_at", "original_published_at", *SHOWN)
        records = records.annotate(shown_date=Coalesce("original_published_at", "published_at"))
        if project is not None:
            records = records.filter(Q(project=project) | Q(activity__project=project))
        if topic_ids is not None:
            records = records.filter(pk__in=Article.objects.filter(
                Q(activity__topics__in=topic_ids) | Q(project__topics__in=topic_ids)).values("pk"))
        if year is not None:
            records = records.filter(shown_date__year=year)
        return records, TITLES, "shown_date"
    if kind == "project":
        records = Project.objects.only("code", "acronym", "start_date", *SHOWN)
        if project is not None:
            records = records.filter(pk=project.pk)
        if topic_ids is not None:
            records = records.filter(pk__in=Project.objects.filter(topics__in=topic_ids).values("pk"))
        if year is not None:  # a project is of every year it runs in
            records = records.filter(Q(start_date__year__lte=year),
                                     Q(end_date__isnull=True) | Q(end_date__year__gte=year))
        return records, [*TITLES, "code", "acronym"], "start_date"
    records = Activity.objects.only("start_date", *SHOWN)
    if project is not None:
        records = records.filter(project=project)
    if topic_ids is not None:
        records = records.filter(pk__in=Activity.objects.filter(topics__in=topic_ids).values("pk"))
    if year is not None:
        records = records.filter(start_date__year=year)
    return records, TITLES, "start_date"


def _exact(records, columns: list[str], text: str):
    """1 where a title (or a project's code or acronym) is the query itself, diacritics and case aside."""
    text = text.strip()
    folded = Folded(Value(text))
    records = records.alias(**{f"search_folded_{column}": Folded(F(column)) for column in columns},
                            **{f"search_length_{column}": Length(column) for column in columns})
    condition = Q()
    for column in columns:  # the length first: folding every candidate's titles costs more than ranking them
        condition |= Q(**{f"search_length_{column}": len(text)}) & Q(**{f"search_folded_{column}": folded})
    return records.annotate(search_exact=Case(When(condition, then=Value(1)), default=Value(0),
                                       output_field=IntegerField()))


def ranked(name: str, backend, text: str, *, project=None, topic_ids=None, year=None):
    """The records of one kind that match, best first, with their rank, highlights and the number found."""
    kind = index.kinds()[name]
    language = _language()
    records, exact_columns, date = _records(name, project=project, topic_ids=topic_ids, year=year)
    # At most CANDIDATES matches are ranked, the first the index gives: a word found in most texts would otherwise
    # rank every record (200,000 activities at EU size). They are looked for among the first LOOKED_AT matches
    # (more with a filter, which may leave out most of them), so the work stays bounded for any word.
    filtered = project is not None or topic_ids is not None or year is not None
    most = LOOKED_AT * (10 if filtered else 1)
    candidates = records.filter(pk__in=backend.matching(kind, most)).order_by().values("pk")[:CANDIDATES]
    records = _exact(records.filter(pk__in=candidates), exact_columns, text)
    return records.annotate(
        search_score=backend.score(kind),
        search_title=backend.title(kind, _in_order(kind.title_fields, language)),
        search_snippet=backend.snippet(kind, _in_order(kind.text_fields, language)),
        search_total=Window(Count("pk")),
    ).order_by("-search_exact", "-search_score", F(date).desc(nulls_last=True), "-pk")


def search(text: str, *, kinds=KINDS, project=None, topic_ids=None, year=None, offset: int = 0,
           limit: int = 10) -> dict:
    """{"words": stems searched, "found": [Found per kind asked]}: `limit` hits of each kind from `offset`, the
    exact title first, then by rank, then newest; each with its title and a snippet, the matched words marked."""
    words = terms(text)
    if not words:
        return {"words": [], "found": [Found(kind) for kind in kinds]}
    backend = (_Postgres if connection.vendor == "postgresql" else _Sqlite)(words, text)
    found = []
    for name in kinds:
        rows = list(ranked(name, backend, text, project=project, topic_ids=topic_ids, year=year)[offset:offset + limit])
        found.append(Found(name, [Hit(row, marked(row.search_title), marked(row.search_snippet)) for row in rows],
                           rows[0].search_total if rows else 0))
    return {"words": words, "found": found}


PER_KIND = 5  # on the page of all kinds: the best of each, with a link to all of that kind
PER_PAGE = 20


def search_page(*, q: str, kind: str = "", project=None, topic=None, year=None, page=None, **ignored) -> dict:
    """What the search page shows: the best PER_KIND of each kind, or one kind PER_PAGE at a time."""
    from kopa.topics.queries import descendant_ids

    page = page or 1
    topic_ids = descendant_ids(topic) if topic is not None else None
    if kind:
        found = search(q, kinds=[kind], project=project, topic_ids=topic_ids, year=year,
                       offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
        pages = -(-found["found"][0].total // PER_PAGE)
        return found | {"kind": kind, "page": page, "pages": pages, "previous": page - 1 if page > 1 else None,
                        "next": page + 1 if page < pages else None}
    return search(q, project=project, topic_ids=topic_ids, year=year, limit=PER_KIND) | {"kind": ""}
