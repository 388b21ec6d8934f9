"""Reading the audit trail: which entries a history holds, filtered, a page of them at a time, and each entry as
the pages and exports show it (old → new, personal values only to those who may read them).

The log grows without end, so nothing here counts it: pages go newer / older from an entry (keyset on the
trail's own order, when and then number), and a page costs the same few queries whatever its length —
the entries, the personal values the viewer may read on them, and the objects they name, one query per kind."""

import datetime
import json
from dataclasses import dataclass, field

from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import visibility
from .models import Entry, PersonalValue

PAGE_SIZE = 50
EXPORT_CHUNK = 500


def history_filter(model: str, object_id, instance=None) -> Q:
    """The entries of an object's history: a project's gathers what happened inside it and its activities, an
    activity's what happened inside it, a person's also the changes holding a personal value about them."""
    own = Q(model=model, object_id=str(object_id))
    if model == visibility.PROJECT:
        activity_model = visibility.model_of(visibility.ACTIVITY)
        inside = Q(project_id=object_id)
        if activity_model is not None:
            inside |= Q(activity_id__in=activity_model._base_manager.filter(project_id=object_id).values("pk"))
        return own | inside
    if model == visibility.ACTIVITY:
        return own | Q(activity_id=object_id)
    if model == visibility.PERSON:
        about = Q(pk__in=PersonalValue.objects.filter(person_id=object_id).values("entry_id"))
        user_id = getattr(instance, "user_id", None)
        if user_id is not None:
            about |= Q(model=visibility.USER, object_id=str(user_id))
        return own | about
    return own


def entries(where: Q | None = None):
    queryset = Entry.objects.all()
    return queryset.filter(where) if where is not None else queryset


def filtered(queryset, *, actor=None, channel="", action="", model="", since=None, until=None):
    """The filters of the history pages and their exports (each optional)."""
    if actor:
        queryset = queryset.filter(actor_id=actor)
    if channel:
        queryset = queryset.filter(channel=channel)
    if action:
        queryset = queryset.filter(action__startswith=action.strip())
    if model:
        queryset = queryset.filter(model=model)
    if since:
        queryset = queryset.filter(at__gte=_day_start(since))
    if until:
        queryset = queryset.filter(at__lt=_day_start(until + datetime.timedelta(days=1)))
    return queryset


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of a day where the reader lives (the site's time zone), as the dates they typed mean."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class Page:
    entries: list
    older: int | None = None  # the entry to continue from, going back in time
    newer: int | None = None


def page(queryset, *, before: int | None = None, after: int | None = None, size: int = PAGE_SIZE) -> Page:
    """One page, newest first, from an entry (exclusive) back (`before`) or forward (`after`); no COUNT."""
    if after:
        anchor = Subquery(Entry.objects.filter(pk=after).values("at")[:1])
        rows = list(queryset.filter(Q(at__gt=anchor) | Q(at=anchor, pk__gt=after)).order_by("at", "pk")[:size + 1])
        more = len(rows) > size
        rows = rows[:size][::-1]
        return Page(rows, older=rows[-1].pk if rows else None, newer=rows[0].pk if more else None)
    if before:
        anchor = Subquery(Entry.objects.filter(pk=before).values("at")[:1])
        queryset = queryset.filter(Q(at__lt=anchor) | Q(at=anchor, pk__lt=before))
    rows = list(queryset.order_by("-at", "-pk")[:size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, older=rows[-1].pk if more else None, newer=rows[0].pk if before and rows else None)


@dataclass
class Change:
    field: str
    old: str = ""
    new: str = ""
    hidden: str = ""  # why no value is shown: "personal" or "secret"

    def __str__(self):
        if self.hidden == "secret":
            return f"{self.field}: {_('changed (not shown)')}"
        if self.hidden == "personal":
            return f"{self.field}: {_('changed (personal data)')}"
        return f"{self.field}: {self.old} → {self.new}"


@dataclass
class Row:
    entry: Entry
    kind: str
    changes: list = field(default_factory=list)
    url: str | None = None

    @property
    def changes_text(self) -> str:
        return "; ".join(str(change) for change in self.changes)


def _model_field(model_class, name):
    if model_class is None:
        return None
    try:
        return model_class._meta.get_field(name)
    except Exception:  # a field since removed, or a key the entry made up (log_action's own changes)
        return None


def _shown(value, model_field) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = getattr(model_field, "flatchoices", None) if model_field is not None else None
    if choices:
        for key, label in choices:
            if key == value:
                return str(label)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def kind_label(model: str) -> str:
    model_class = visibility.model_of(model) if model else None
    if model_class is None:
        return model
    return str(capfirst(model_class._meta.verbose_name))


def _changes(entry, values: dict) -> list[Change]:
    model_class = visibility.model_of(entry.model) if entry.model else None
    shown = []
    for name, change in (entry.changes or {}).items():
        model_field = _model_field(model_class, name)
        label = str(capfirst(model_field.verbose_name)) if model_field is not None else name
        if not isinstance(change, dict) or change.get("secret"):
            shown.append(Change(label, hidden="secret"))
        elif change.get("personal"):
            value = values.get((entry.pk, name))
            if value is None:
                shown.append(Change(label, hidden="personal"))
            else:
                shown.append(Change(label, _shown(value.old, model_field), _shown(value.new, model_field)))
        else:
            shown.append(Change(label, _shown(change.get("old"), model_field), _shown(change.get("new"), model_field)))
    return shown


def _personal_values(entries, viewer) -> dict:
    """The personal values on these entries that the viewer may read: one query, none when there are none."""
    allowed = viewer.personal_values()
    with_personal = [e.pk for e in entries
                     if any(isinstance(c, dict) and c.get("personal") for c in (e.changes or {}).values())]
    if allowed is None or not with_personal:
        return {}
    rows = PersonalValue.objects.filter(allowed, entry_id__in=with_personal)
    return {(value.entry_id, value.field): value for value in rows if viewer.may_see_value(value)}


def _urls(entries, user) -> dict:
    """The pages of the objects named, for the kinds the viewer may open: one query per kind on the page."""
    wanted: dict[str, set] = {}
    for entry in entries:
        if entry.model and entry.object_id:
            wanted.setdefault(entry.model, set()).add(entry.object_id)
    urls = {}
    for model, ids in wanted.items():
        model_class = visibility.model_of(model)
        if model_class is None or not hasattr(model_class, "get_absolute_url") or not visibility.may_open(user, model):
            continue
        try:
            objects = model_class._base_manager.in_bulk(list(ids))
        except (ValueError, TypeError):
            continue
        for pk, instance in objects.items():
            try:
                urls[(model, str(pk))] = instance.get_absolute_url()
            except Exception:  # noqa: S112 — a page that cannot be named (a missing slug) is just not linked
                continue
    return urls


def present(entries, viewer, user=None, *, links: bool = True) -> list[Row]:
    """The entries as the history shows them, masked for this viewer."""
    values = _personal_values(entries, viewer)
    urls = _urls(entries, user) if links else {}
    kinds: dict[str, str] = {}
    rows = []
    for entry in entries:
        if entry.model not in kinds:
            kinds[entry.model] = kind_label(entry.model)
        rows.append(Row(entry, kinds[entry.model], _changes(entry, values), urls.get((entry.model, entry.object_id))))
    return rows


def export_header() -> list[str]:
    return [_("When"), _("Who"), _("User number"), _("Role"), _("Through"), _("Action"), _("Kind of object"),
            _("Object number"), _("Object"), _("What changed"), _("Note"), _("Failed")]


def export_rows(queryset, viewer):
    """Every entry of the filtered history, newest first, read EXPORT_CHUNK at a time (memory stays flat)."""
    before = None
    while True:
        chunk = page(queryset, before=before, size=EXPORT_CHUNK)
        for row in present(chunk.entries, viewer, links=False):
            entry = row.entry
            yield [timezone.localtime(entry.at).replace(tzinfo=None, microsecond=0),
                   entry.actor_label if entry.actor_kind == Entry.ActorKind.USER else entry.get_actor_kind_display(),
                   entry.actor_id, entry.role_display(), entry.get_channel_display(), entry.action, row.kind,
                   entry.object_id,
                   entry.object_label, row.changes_text, entry.note, _("yes") if entry.failed else ""]
        if chunk.older is None:
            return
        before = chunk.older
