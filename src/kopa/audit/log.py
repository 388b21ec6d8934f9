"""Writing the audit trail: one call in the service layer, as pretix's `log_action`.

* `@audited` goes on every public function of every `services.py` (a test enumerates them). The outermost
  audited call runs in one transaction; while it runs, every row saved is watched (kopa.audit.recording) and
  when it returns, its entries are written in the same transaction: one for the call's object (what it returned
  or the first object it was given) and one for each other row it changed, each with old and new values. A call
  that refuses (raises) changes nothing and so logs nothing. Calls made by a service inside another are part of
  the outer one's entries. `atomic=False` is for the few services that must commit as they go (sending mail,
  running a job): they are logged when they end, also when they fail.
* `log_action(obj, action, ...)` adds an entry by hand — for what rows alone do not say (a bulk update, a file
  sent) — inside the running call or on its own.
* `acting(...)` says who and through what: the request middleware sets the page, API or back office and the
  signed-in user; background jobs and commands say so; a service's own `by=` argument names the user when
  there is one.
"""

import functools
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from . import values

MAX_ROW_ENTRIES = 200  # a call that changes more rows says how many more in its main entry's note


@dataclass
class Context:
    request: object = None
    user: object = None
    channel: str = "system"
    kind: str | None = None  # "import" for imports


_context: ContextVar[Context] = ContextVar("kopa_audit_context", default=Context())  # noqa: B039 (never mutated)


@contextmanager
def acting(*, user=None, channel: str | None = None, kind: str | None = None, request=None):
    """Who acts and through what, for everything logged inside."""
    outer = _context.get()
    token = _context.set(Context(request=request if request is not None else outer.request,
                                 user=user if user is not None else outer.user,
                                 channel=channel or outer.channel, kind=kind or outer.kind))
    try:
        yield
    finally:
        _context.reset(token)


class _Kept:
    """Whether a save survived: a callback on the transaction's commit. Django drops it when the savepoint it was
    registered in rolls back (a refusal caught inside a service), runs it at once outside a transaction, and keeps
    it pending while the transaction is open — so a save counts if it ran or is still pending."""

    __slots__ = ("ran",)

    def __init__(self):
        self.ran = False

    def __call__(self):
        self.ran = True


def _pending() -> set[int]:
    return {id(callback) for _savepoints, callback, _robust in transaction.get_connection().run_on_commit}


@dataclass
class Scope:
    """One audited call in progress: the rows it saved, in order, each with whether its save survived."""

    action: str
    merges: bool = False  # calls inside join this one (it is one transaction)
    saves: list = field(default_factory=list)  # (instance, changes, created, kept)
    entries: list = field(default_factory=list)  # added by log_action inside the call
    forgotten: set = field(default_factory=set)  # ("person", id) / ("user", id) being erased: no values kept
    inner: int = 0  # audited calls made inside this one with entries of their own (it commits as it goes)
    anonymous: object = None  # the object an anonymous call is logged on, alone (see anonymous_call)

    def saw(self, instance, changes: dict, created: bool):
        kept = _Kept()
        transaction.on_commit(kept)
        self.saves.append((instance, changes, created, kept))

    def rows(self) -> dict:
        """The surviving saves merged per row, by (model label, pk): the first old value, the last new one."""
        pending = _pending()
        rows = {}
        for instance, changes, created, kept in self.saves:
            if not (kept.ran or id(kept) in pending):
                continue  # rolled back: it did not happen
            key = (values.label_of(type(instance)), str(instance.pk))
            row = rows.setdefault(key, {"instance": instance, "changes": {}, "created": created})
            row["instance"] = instance
            row["created"] = row["created"] or created
            for name, change in changes.items():
                old = row["changes"][name]["old"] if name in row["changes"] else change["old"]
                row["changes"][name] = {"old": old, "new": change["new"]}
        for row in rows.values():  # a value changed and changed back is no change
            row["changes"] = {n: c for n, c in row["changes"].items()
                              if row["created"] or values.as_json(c["old"]) != values.as_json(c["new"])}
        return rows

    def absorb(self, inner: "Scope"):
        self.saves += inner.saves
        self.entries += inner.entries
        self.forgotten |= inner.forgotten
        self.anonymous = self.anonymous or inner.anonymous


_scope: ContextVar[Scope | None] = ContextVar("kopa_audit_scope", default=None)


def current_scope() -> Scope | None:
    return _scope.get()


def _actor(by=None):
    """(id, label, kind, role) of whoever acts: the service's `by`, else the request's user, else the system."""
    context = _context.get()
    user = by if _is_user(by) else context.user
    if user is None and context.request is not None:
        user = getattr(context.request, "user", None)
    if _is_user(user) and user.is_authenticated:
        return user.pk, user.get_username()[:150], "user", _role(user)
    kind = context.kind or "system"
    return None, kind, kind, ""


def _is_user(value) -> bool:
    return value is not None and hasattr(value, "is_authenticated") and hasattr(value, "get_username")


def _role(user) -> str:
    """The user's roles as codes ("administrator", "programme_coordinator"…): translated when read."""
    from kopa.accounts.permissions import _roles

    if user.is_superuser:
        return "administrator"
    return ",".join(sorted({role for role, _p, _o in _roles(user)}))[:200]


def _target(args, kwargs, result):
    if isinstance(result, models.Model) and result.pk is not None:
        return result
    if isinstance(result, tuple | list) and result and isinstance(result[0], models.Model):
        return result[0]
    for value in (*args, *kwargs.values()):
        if isinstance(value, models.Model) and not _is_user(value) and value.pk is not None:
            return value
    return None


def _by(kwargs):
    for name in ("by", "actor"):  # `user=` is often whom a call is about (a role given to them), not who acts
        if _is_user(kwargs.get(name)):
            return kwargs[name]
    return None


def _entry(action, instance, changes, *, actor, forgotten=frozenset(), note="", failed=False, at=None, model=None,
           object_id=None):
    from .models import Entry

    actor_id, actor_label, actor_kind, role = actor
    entry = Entry(at=at or timezone.now(), actor_id=actor_id, actor_label=actor_label, actor_kind=actor_kind,
                  role=role, channel=_context.get().channel, action=action[:120], note=note[:500], failed=failed)
    personal = []
    if instance is not None:
        entry.model = values.label_of(type(instance))
        entry.object_id = str(instance.pk)
        entry.object_label = values.object_label(instance)
        entry.project_id, entry.activity_id = values.belongs_to(instance)
        mine = values.personal_fields(type(instance))
        person_id, user_id = values.subject_of(instance) if mine else (None, None)
        stored = {}
        for name, change in (changes or {}).items():
            if values.is_secret(name):
                stored[name] = {"secret": True}
            elif name in mine:
                stored[name] = {"personal": True}
                if ((person_id is not None or user_id is not None) and ("person", person_id) not in forgotten
                        and ("user", user_id) not in forgotten):
                    personal.append((person_id, user_id, name, change.get("old"), change.get("new")))
            else:
                stored[name] = {"old": values.as_json(change.get("old")), "new": values.as_json(change.get("new"))}
        entry.changes = stored
    else:
        entry.model, entry.object_id = model or "", "" if object_id is None else str(object_id)
        entry.changes = {k: {"old": values.as_json(v.get("old")), "new": values.as_json(v.get("new"))}
                         for k, v in (changes or {}).items()}
    return entry, personal


def _write(pairs):
    from .models import Entry, PersonalValue

    if not pairs:
        return []
    entries = Entry.objects.bulk_create([e for e, _p in pairs])
    vault = [PersonalValue(entry_id=e.pk, person_id=p, user_id=u, field=f,
                           old=values.as_json(o), new=values.as_json(n))
             for e, (_e, personal) in zip(entries, pairs, strict=True) for p, u, f, o, n in personal]
    if vault:
        PersonalValue.objects.bulk_create(vault)
    return entries


def _flush(scope: Scope, target, *, by=None, failed=False, note="", quiet=False):
    rows = scope.rows()
    if quiet and not failed and not rows and not scope.entries and not scope.inner:
        return []
    if scope.inner:
        note = "; ".join(n for n in (note, f"{scope.inner} call(s) logged on their own") if n)
    if scope.anonymous is not None:
        # Who, exactly when and which rows would single the respondent out: the questionnaire, the day, no more.
        day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        return _write([_entry(scope.action, scope.anonymous, {}, actor=(None, "anonymous", "system", ""), at=day,
                              failed=failed)])
    actor = _actor(by)
    now = timezone.now()
    pairs = []
    if target is None:
        # A call given only numbers (a background job's log id): its entry is on the first object it changed.
        own = [i for i in scope.entries if i[0] == scope.action and i[1] is not None]
        target = own[0][1] if own else next((row["instance"] for row in rows.values()), None)
    key = (values.label_of(type(target)), str(target.pk)) if target is not None else None
    main_changes = rows.pop(key)["changes"] if key in rows else {}
    extra = list(rows.values())
    more = len(extra) - MAX_ROW_ENTRIES
    if more > 0:
        note = (note + f" (+{more} rows)").strip()
    forgotten = scope.forgotten
    by_hand = []
    for item in scope.entries:
        action, instance, changes, entry_note, _model, _object_id = item
        # A note or a change said by hand about the call's own object, under the call's own action, belongs to
        # the call's entry (a bulk write's count) rather than to a second entry beside it.
        if action == scope.action and instance is not None and target is not None and (
                values.label_of(type(instance)), str(instance.pk)) == key:
            main_changes = {**main_changes, **changes}
            note = "; ".join(n for n in (note, entry_note) if n)
        else:
            by_hand.append(item)
    pairs.append(_entry(scope.action, target, main_changes, actor=actor, note=note, failed=failed, at=now,
                        forgotten=forgotten))
    for row in extra[:MAX_ROW_ENTRIES]:
        instance = row["instance"]
        pairs.append(_entry(scope.action, instance, row["changes"], actor=actor, at=now, forgotten=forgotten,
                            note="created" if row["created"] else ""))
    for action, instance, changes, entry_note, model, object_id in by_hand:
        pairs.append(_entry(action, instance, changes, actor=actor, note=entry_note, at=now, forgotten=forgotten,
                            model=model, object_id=object_id))
    return _write(pairs)


@dataclass
class _Given:
    """The object a call was given, as it was before the call (a deleted one keeps its number and label)."""

    instance: object = None
    pk: object = None

    @classmethod
    def of(cls, instance):
        return cls(instance, instance.pk) if instance is not None else cls()

    def now(self):
        if self.instance is not None and self.instance.pk is None:  # deleted by the call
            self.instance.pk = self.pk
        return self.instance


def action_name(func) -> str:
    """"activities.register" for kopa.activities.services.registration.register."""
    parts = func.__module__.split(".")
    app = parts[1] if len(parts) > 1 and parts[0] == "kopa" else parts[0]
    return f"{app}.{func.__name__}"


def audited(func=None, *, atomic: bool = True, quiet: bool = False, action: str | None = None):
    """Log every call of a service function (see the module's docstring). `quiet`: a sweep run by the scheduler
    every few minutes is logged only when it changed something (each change is an entry)."""

    def decorate(func):
        name = action or action_name(func)

        @functools.wraps(func)
        def call(*args, **kwargs):
            outer = _scope.get()
            # Inside another atomic service: part of its transaction and its entries (kept only if this one
            # succeeds, as its savepoint is). Otherwise (alone, in a request, inside a service that commits as
            # it goes): its own transaction and entries.
            merge = outer is not None and outer.merges
            scope = Scope(action=name, merges=atomic or merge)
            given = _Given.of(_target(args, kwargs, None))  # read now: the call may delete it
            token = _scope.set(scope)
            try:
                if merge:
                    with transaction.atomic() if atomic else nullcontext():
                        result = func(*args, **kwargs)
                    outer.absorb(scope)
                    return result
                if atomic:
                    with transaction.atomic():
                        result = func(*args, **kwargs)
                        _flush(scope, _target((), {}, result) or given.now(), by=_by(kwargs), quiet=quiet)
                    return result
                try:
                    result = func(*args, **kwargs)
                except Exception as error:
                    with transaction.atomic():
                        _flush(scope, given.now(), by=_by(kwargs), failed=True, note=type(error).__name__)
                    raise
                with transaction.atomic():
                    _flush(scope, _target((), {}, result) or given.now(), by=_by(kwargs), quiet=quiet)
                return result
            finally:
                _scope.reset(token)
                if outer is not None and not merge:
                    outer.inner += 1

        call.__audited__ = name
        return call

    return decorate(func) if func is not None else decorate


def log_action(instance, action: str, *, changes: dict | None = None, note: str = "", by=None,
               model: str | None = None, object_id=None):
    """An entry written by hand: inside an audited call it joins that call's entries; alone it is written now."""
    scope = _scope.get()
    if scope is not None and scope.action != "request":
        scope.entries.append((action, instance, changes or {}, note, model, object_id))
        return None
    pair = _entry(action, instance, changes or {}, actor=_actor(by), note=note, model=model, object_id=object_id)
    return _write([pair])[0]


@contextmanager
def request_scope():
    """Rows the back office saves by itself (not through a service) are watched over its request, and logged when
    the admin records its own log entry of the change (kopa.audit.recording)."""
    scope = Scope(action="request")
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def forget_person(*, person_id=None, user_id=None) -> int:
    """An erasure: the personal values the trail holds about this person (and their account) are deleted, and the
    call erasing them keeps none of the values it overwrites. The entries stay: they say a field changed."""
    from django.db.models import Q

    from .models import PersonalValue

    scope = _scope.get()
    if scope is not None:
        scope.forgotten |= {("person", person_id), ("user", user_id)} - {("person", None), ("user", None)}
    which = Q(pk__in=[])
    if person_id is not None:
        which |= Q(person_id=person_id)
    if user_id is not None:
        which |= Q(user_id=user_id)
    return PersonalValue.objects.filter(which).delete()[0]


def anonymous_call(target) -> None:
    """The running call answers an anonymous questionnaire: it is logged as one entry on `target` (the
    questionnaire) with no user, no rows and the day only — an entry naming the respondent, the minute or the
    response would undo the anonymity the survey promised."""
    scope = _scope.get()
    if scope is not None and scope.action != "request":
        scope.anonymous = target
