"""The search index: one document per article, project and activity, kept by the database itself.

Triggers, not Django signals, keep the documents up to date, so bulk inserts, `update()`, raw SQL, the demo
loader and the test snapshot (plain INSERTs) are all indexed. A document holds every language's texts: a
Lithuanian article is found from the Latvian page. Words are folded (lower case, no diacritics) when indexed;
queries add their own Latvian/Lithuanian ending-stripping and prefix matching (kopa.knowledge.queries).

- PostgreSQL: tables `search_<kind>` (id = the record's id, a weighted tsvector, GIN-indexed) built with the
  text search configuration `kopa_search` (the `simple` one with `unaccent` before it: PostgreSQL has no Latvian
  stemmer, and one configuration for all three languages keeps a query's words comparable with every text);
  projects also keep their codes, acronyms and aliases folded, with a trigram index for near spellings.
- SQLite: FTS5 tables `search_<kind>` (rowid = the record's id) with the `unicode61 remove_diacritics 2`
  tokenizer, which folds the same way.

The tables are not Django models: nothing in Django's flush, dumps or the demo snapshot should copy them. SQLite
rebuilds a table for most schema changes, which drops its triggers and fails while a trigger elsewhere names the
table; so before `migrate` applies anything on SQLite the triggers are dropped (`pause`), and after every `migrate`
`ensure` creates what is missing and rebuilds the documents of any kind whose triggers were gone.
"""

from dataclasses import dataclass

LANGUAGES = ("lv", "lt", "en")
KINDS = ("article", "project", "activity")


@dataclass(frozen=True)
class Kind:
    name: str
    table: str  # the indexed record's table
    title_fields: tuple[str, ...]  # weight A (with names)
    text_fields: tuple[str, ...]  # weight B
    names: bool = False  # code, acronym and aliases (projects)

    @property
    def index(self) -> str:
        return f"search_{self.name}"


def _translated(*fields: str) -> tuple[str, ...]:
    return tuple(f"{field}_{code}" for field in fields for code in LANGUAGES)


def kinds() -> dict[str, Kind]:
    from kopa.activities.models import Activity
    from kopa.projects.models import Project
    from kopa.publications.models import Article

    return {
        "article": Kind("article", Article._meta.db_table, _translated("title"), _translated("lead", "body")),
        "project": Kind("project", Project._meta.db_table, _translated("title"), _translated("objective"),
                        names=True),
        "activity": Kind("activity", Activity._meta.db_table, _translated("title"),
                         _translated("description", "purpose", "venue")),
    }


def alias_table() -> str:
    from kopa.projects.models import ProjectAlias

    return ProjectAlias._meta.db_table


# SQLite -----------------------------------------------------------------------------------------------------------


def _sqlite_joined(fields, row="r") -> str:
    return " || ' ' || ".join(f"coalesce({row}.{field}, '')" for field in fields)


def _sqlite_names(row="r") -> str:
    return (f"coalesce({row}.code, '') || ' ' || coalesce({row}.acronym, '') || ' ' || coalesce((SELECT "
            f"group_concat(a.name, ' ') FROM {alias_table()} a WHERE a.project_id = {row}.id), '')")


def sqlite_columns(kind: Kind) -> list[str]:
    """The FTS5 columns, in order (highlight() and bm25() address them by position)."""
    return [*kind.title_fields, *(["names"] if kind.names else []), "text"]


def _sqlite_select(kind: Kind, where: str) -> str:
    values = [f"r.{field}" for field in kind.title_fields]
    if kind.names:
        values.append(_sqlite_names())
    values.append(_sqlite_joined(kind.text_fields))
    return f"SELECT r.id, {', '.join(values)} FROM {kind.table} r {where}"


def _sqlite_refresh(kind: Kind, id_sql: str) -> str:
    columns = ", ".join(["rowid", *sqlite_columns(kind)])
    return (f"DELETE FROM {kind.index} WHERE rowid = {id_sql}; "
            f"INSERT INTO {kind.index} ({columns}) {_sqlite_select(kind, f'WHERE r.id = {id_sql}')};")


def _sqlite_triggers(kind: Kind) -> dict[str, str]:
    triggers = {
        f"{kind.index}_inserted": f"AFTER INSERT ON {kind.table} BEGIN {_sqlite_refresh(kind, 'NEW.id')} END",
        f"{kind.index}_updated": f"AFTER UPDATE ON {kind.table} BEGIN DELETE FROM {kind.index} WHERE rowid = "
                                 f"OLD.id; {_sqlite_refresh(kind, 'NEW.id')} END",
        f"{kind.index}_deleted": f"AFTER DELETE ON {kind.table} BEGIN DELETE FROM {kind.index} WHERE rowid = "
                                 "OLD.id; END",
    }
    if kind.names:
        aliases = alias_table()
        triggers |= {
            f"{kind.index}_alias_inserted": f"AFTER INSERT ON {aliases} BEGIN "
                                            f"{_sqlite_refresh(kind, 'NEW.project_id')} END",
            f"{kind.index}_alias_updated": f"AFTER UPDATE ON {aliases} BEGIN {_sqlite_refresh(kind, 'OLD.project_id')}"
                                           f" {_sqlite_refresh(kind, 'NEW.project_id')} END",
            f"{kind.index}_alias_deleted": f"AFTER DELETE ON {aliases} BEGIN "
                                           f"{_sqlite_refresh(kind, 'OLD.project_id')} END",
        }
    return triggers


def _sqlite_ensure(cursor, rebuild: bool) -> None:
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    existing = {row[0] for row in cursor.fetchall()}
    for kind in kinds().values():
        fresh = kind.index not in existing
        if fresh:
            cursor.execute(f"CREATE VIRTUAL TABLE {kind.index} USING fts5({', '.join(sqlite_columns(kind))}, "
                           "tokenize = 'unicode61 remove_diacritics 2')")
        missing = {name: body for name, body in _sqlite_triggers(kind).items() if name not in existing}
        for name, body in missing.items():
            cursor.execute(f"CREATE TRIGGER {name} {body}")
        if fresh or missing or rebuild:
            columns = ", ".join(["rowid", *sqlite_columns(kind)])
            cursor.execute(f"DELETE FROM {kind.index}")
            cursor.execute(f"INSERT INTO {kind.index} ({columns}) {_sqlite_select(kind, '')}")


def _sqlite_drop_triggers(cursor) -> None:
    for kind in kinds().values():
        for name in _sqlite_triggers(kind):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_drop(cursor) -> None:
    _sqlite_drop_triggers(cursor)
    for kind in kinds().values():
        cursor.execute(f"DROP TABLE IF EXISTS {kind.index}")


# PostgreSQL -------------------------------------------------------------------------------------------------------

CONFIGURATION = "kopa_search"


def _pg_vector(fields, weight: str, row: str) -> str:
    text = ", ".join(f"{row}.{field}" for field in fields)
    return f"setweight(to_tsvector('{CONFIGURATION}', {_pg_split(f'concat_ws({SPACE}, {text})')}), '{weight}')"


SPACE = "' '"


def _pg_split(sql: str) -> str:
    """Hyphens as spaces: PostgreSQL's parser reads "LLI-59" as "lli" and the number -59, which the words of a query
    ("lli", "59") would not find; SQLite's tokenizer splits there anyway."""
    return f"translate({sql}, '-', ' ')"


def _pg_names(row: str) -> str:
    return (f"concat_ws(' ', {row}.code, {row}.acronym, (SELECT string_agg(a.name, ' ') FROM {alias_table()} a "
            f"WHERE a.project_id = {row}.id))")


def _pg_select(kind: Kind, where: str) -> str:
    vector = f"{_pg_vector(kind.title_fields, 'A', 'r')} || {_pg_vector(kind.text_fields, 'B', 'r')}"
    if kind.names:
        names = _pg_names("r")
        vector += f" || setweight(to_tsvector('{CONFIGURATION}', {_pg_split(names)}), 'A')"
        # Only the short names: the trigram test runs per row where the planner chooses to read them all.
        return f"SELECT r.id, {vector}, coalesce(kopa_search_fold({names}), '') FROM {kind.table} r {where}"
    return f"SELECT r.id, {vector} FROM {kind.table} r {where}"


def _pg_install(cursor, rebuild: bool) -> None:
    cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIGURATION])
    if cursor.fetchone() is None:
        # `word` and the hyphenated parts are the tokens with letters outside ASCII: those lose their diacritics.
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = simple); "
                       f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} ALTER MAPPING FOR word, hword, hword_part "
                       "WITH unaccent, simple")
    # unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the fold safe to index.
    cursor.execute("CREATE OR REPLACE FUNCTION kopa_search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
                   "PARALLEL SAFE STRICT AS $$ SELECT unaccent('unaccent'::regdictionary, lower($1)) $$")
    for kind in kinds().values():
        names = ", names text NOT NULL" if kind.names else ""
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [kind.index])
        fresh = not cursor.fetchone()[0]
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {kind.index} (id bigint PRIMARY KEY, vector tsvector NOT NULL"
                       f"{names}); CREATE INDEX IF NOT EXISTS {kind.index}_vector ON {kind.index} USING gin (vector)")
        if kind.names:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {kind.index}_names ON {kind.index} "
                           "USING gin (names gin_trgm_ops)")
        # PL/pgSQL binds the columns when it runs, so later migrations of the indexed tables are not blocked.
        cursor.execute(f"CREATE OR REPLACE FUNCTION {kind.index}_refresh(record_id bigint) RETURNS void "
                       f"LANGUAGE plpgsql AS $$ BEGIN DELETE FROM {kind.index} WHERE id = record_id; "
                       f"INSERT INTO {kind.index} {_pg_select(kind, 'WHERE r.id = record_id')}; END $$")
        cursor.execute(f"CREATE OR REPLACE FUNCTION {kind.index}_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN IF TG_OP = 'DELETE' THEN DELETE FROM {kind.index} WHERE id = OLD.id; RETURN OLD; "
                       f"END IF; PERFORM {kind.index}_refresh(NEW.id); RETURN NEW; END $$")
        cursor.execute(f"CREATE OR REPLACE TRIGGER {kind.index}_changed AFTER INSERT OR UPDATE OR DELETE ON "
                       f"{kind.table} FOR EACH ROW EXECUTE FUNCTION {kind.index}_changed()")
        # Django's flush (transactional tests) empties tables with TRUNCATE, which row triggers do not see.
        cursor.execute(f"CREATE OR REPLACE FUNCTION {kind.index}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN TRUNCATE {kind.index}; RETURN NULL; END $$")
        cursor.execute(f"CREATE OR REPLACE TRIGGER {kind.index}_emptied AFTER TRUNCATE ON {kind.table} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {kind.index}_emptied()")
        if kind.names:
            cursor.execute(f"CREATE OR REPLACE FUNCTION {kind.index}_alias_changed() RETURNS trigger LANGUAGE "
                           f"plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' THEN PERFORM {kind.index}_refresh("
                           f"OLD.project_id); END IF; IF TG_OP <> 'DELETE' THEN PERFORM {kind.index}_refresh("
                           "NEW.project_id); END IF; RETURN NULL; END $$")
            cursor.execute(f"CREATE OR REPLACE TRIGGER {kind.index}_alias_changed AFTER INSERT OR UPDATE OR DELETE "
                           f"ON {alias_table()} FOR EACH ROW EXECUTE FUNCTION {kind.index}_alias_changed()")
        if fresh or rebuild:
            cursor.execute(f"TRUNCATE {kind.index}; INSERT INTO {kind.index} {_pg_select(kind, '')}")


def _pg_drop(cursor) -> None:
    for kind in kinds().values():
        cursor.execute(f"DROP TRIGGER IF EXISTS {kind.index}_changed ON {kind.table}; "
                       f"DROP TRIGGER IF EXISTS {kind.index}_emptied ON {kind.table}; "
                       f"DROP FUNCTION IF EXISTS {kind.index}_emptied()")
        if kind.names:
            cursor.execute(f"DROP TRIGGER IF EXISTS {kind.index}_alias_changed ON {alias_table()}; "
                           f"DROP FUNCTION IF EXISTS {kind.index}_alias_changed()")
        cursor.execute(f"DROP FUNCTION IF EXISTS {kind.index}_changed(); "
                       f"DROP FUNCTION IF EXISTS {kind.index}_refresh(bigint); DROP TABLE IF EXISTS {kind.index}")
    cursor.execute(f"DROP FUNCTION IF EXISTS kopa_search_fold(text); "
                   f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION}")


# Both -------------------------------------------------------------------------------------------------------------


def ensure(connection, *, rebuild: bool = False) -> None:
    """Create whatever of the index is missing (idempotent); rebuild documents that may have been missed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _pg_install(cursor, rebuild)
        elif connection.vendor == "sqlite":
            _sqlite_ensure(cursor, rebuild)


def pause(connection) -> None:
    """Before migrations on SQLite: no trigger may name a table a migration rebuilds (`ensure` rebuilds after)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            _sqlite_drop_triggers(cursor)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _pg_drop(cursor)
        elif connection.vendor == "sqlite":
            _sqlite_drop(cursor)
