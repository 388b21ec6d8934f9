"""The reports an export job can write. This app sits below the ones whose data it writes: each kind is named
here by the dotted path of a Kind that its own app defines (so nothing here imports them), and the job, its
page and its download find it by the code stored on the job."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.module_loading import import_string

KINDS = {
    "participants.activity": "kopa.activities.exports.ACTIVITY_PARTICIPANTS",
    "participants.project": "kopa.activities.exports.PROJECT_PARTICIPANTS",
    "registrations.activity": "kopa.activities.exports.REGISTRATION_LIST",
    "activities.list": "kopa.activities.exports.ACTIVITY_LIST",
    "projects.list": "kopa.projects.exports.PROJECT_LIST",
    "surveys.responses": "kopa.surveys.exports.SURVEY_RESPONSES",
    "audit.history": "kopa.audit.exports.HISTORY",
}


@dataclass(frozen=True)
class Table:
    """One export as written: its sheet's title, its header, its rows (read as they are written) and how many
    (`count(limit)`: a count may stop past `limit`, where counting them all is slow — the audit trail; `count()`
    counts them all). `write_xlsx(target, rows)`: the report's own workbook (column widths, a frozen header), used
    for XLSX instead of the plain one of kopa.core.exports, at once and in a job alike."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    count: Callable[..., int]
    write_xlsx: Callable[[object, Iterable[Sequence]], None] | None = None


def counted(queryset) -> Callable[..., int]:
    """A Table's count of a queryset that is cheap to count whole (its filters use indexes)."""
    return lambda limit=None: queryset.count()


def counted_up_to(queryset) -> Callable[..., int]:
    """A Table's count of a queryset too long to count in a request: past `limit` rows it stops (no ordering,
    only the keys, so the database reads no more than that)."""
    def count(limit=None):
        if limit is None:
            return queryset.count()
        return queryset.order_by().values("pk")[:limit].count()
    return count


@dataclass(frozen=True)
class Kind:
    """A report, for a job: `table(parameters, user)` builds it (in the job's language) with the rows `user` — the
    one who asked — may see, `allowed(user, parameters)` is the same permission its page checks (asked again at
    each download), `label(parameters)` names it."""

    table: Callable[[dict, object], Table]
    allowed: Callable[[object, dict], bool]
    label: Callable[[dict], str]


def kind(code: str) -> Kind:
    return import_string(KINDS[code])
