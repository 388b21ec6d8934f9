"""The reports an export job can write. This app sits below the ones whose data it writes: each kind is named
here by the dotted path of a Kind that its own app defines (so nothing here imports them), and the job, its
page and its download find it by the code stored on the job."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.module_loading import import_string

KINDS = {
    "participants.activity": "kopa.activities.exports.ACTIVITY_PARTICIPANTS",
    "participants.project": "kopa.activities.exports.PROJECT_PARTICIPANTS",
    "projects.list": "kopa.projects.exports.PROJECT_LIST",
    "surveys.responses": "kopa.surveys.exports.SURVEY_RESPONSES",
}


@dataclass(frozen=True)
class Table:
    """One export as written: its sheet's title, its header, its rows (read as they are written) and how many."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    total: int


@dataclass(frozen=True)
class Kind:
    """A report, for a job: `table(parameters)` builds it (in the job's language), `allowed(user, parameters)` is
    the same permission its page checks (asked again at each download), `label(parameters)` names it."""

    table: Callable[[dict], Table]
    allowed: Callable[[object, dict], bool]
    label: Callable[[dict], str]


def kind(code: str) -> Kind:
    return import_string(KINDS[code])
