"""Watching rows while an audited call runs: each save inside it is remembered with its old and new values.

Old values are read from the database just before the save (one query per changed row, only inside an audited
call, only the columns being saved); rows created are remembered with their values. Bulk writes (bulk_create,
QuerySet.update) are not seen row by row: the services that make them say what they did with log_action.
Deletions inside a call are logged through the call's object. The back office's own saves (not through a
service) are gathered over its request and written when the admin records its LogEntry of the change."""

from django.db.models.signals import m2m_changed, post_save, pre_save

from . import values
from .log import _actor, _entry, _write, current_scope

# Rows that are the machinery's own bookkeeping, not anyone's change: never watched.
IGNORED = {"audit.entry", "audit.personalvalue", "sessions.session", "admin.logentry", "contenttypes.contenttype",
           "axes.accessattempt", "axes.accessfailurelog", "axes.accesslog", "jobs.heartbeat",
           "django_tasks_database.dbtaskresult", "accounts.throttle", "messaging.message"}


def _watched(sender) -> bool:
    return values.label_of(sender) not in IGNORED and not sender._meta.auto_created


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or current_scope() is None or not _watched(sender):
        return
    instance._audit_old = None
    if instance._state.adding or instance.pk is None:
        return
    fields = values.tracked_fields(sender)
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    if not fields:
        return
    instance._audit_fields = fields
    instance._audit_old = (sender._base_manager.using(kwargs.get("using")).filter(pk=instance.pk)
                           .values(*[f.attname for f in fields]).first())


def _after_save(sender, instance, created=False, raw=False, **kwargs):
    scope = current_scope()
    if raw or scope is None or not _watched(sender):
        return
    old = getattr(instance, "_audit_old", None)
    if created or old is None:
        new = values.snapshot(instance)
        changes = {name: {"old": None, "new": value} for name, value in new.items()
                   if value not in (None, "", False)}
        scope.saw(instance, changes, created=True)
        return
    new = values.snapshot(instance, instance._audit_fields)
    changes = {name: {"old": old.get(name), "new": value} for name, value in new.items()
               if values.as_json(old.get(name)) != values.as_json(value)}
    if changes:
        scope.saw(instance, changes, created=False)


def _m2m_name(instance, sender) -> str:
    for field in type(instance)._meta.get_fields():
        through = getattr(getattr(field, "remote_field", None), "through", None)
        if through is sender:
            return field.get_accessor_name() if field.auto_created and not field.concrete else field.name
    return sender._meta.model_name


def _m2m_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    """A many-to-many set, added to or cleared (a need's topics, a photo's people): the ids before and after."""
    scope = current_scope()
    if scope is None or not _watched(type(instance)) or instance.pk is None:
        return
    name = _m2m_name(instance, sender)
    related = getattr(instance, name, None)
    if related is None or not hasattr(related, "values_list"):
        return
    if action.startswith("pre_"):
        setattr(instance, f"_audit_m2m_{name}", sorted(related.values_list("pk", flat=True)))
        return
    before = getattr(instance, f"_audit_m2m_{name}", None)
    after = sorted(related.values_list("pk", flat=True))
    if before != after:
        scope.saw(instance, {name: {"old": before, "new": after}}, created=False)


def _admin_logged(sender, instance, created=False, **kwargs):
    """The admin has saved (or is about to delete) an object: what its request changed becomes entries now, in
    the admin's transaction, named after what the admin did."""
    from django.contrib.admin.models import ADDITION, DELETION

    scope = current_scope()
    if not created or scope is None or scope.action != "request":
        return
    verb = {ADDITION: "admin.add", DELETION: "admin.delete"}.get(instance.action_flag, "admin.change")
    model_class = instance.content_type.model_class() if instance.content_type_id else None
    target_key = (values.label_of(model_class), str(instance.object_id)) if model_class is not None else None
    pairs = []
    actor = _actor()
    for row in scope.rows().values():
        pairs.append(_entry(verb, row["instance"], row["changes"], actor=actor,
                            note="created" if row["created"] else ""))
    scope.saves.clear()
    seen = {(e.model, e.object_id) for e, _p in pairs}
    if verb == "admin.delete" and target_key is not None and target_key not in seen:
        obj = model_class._base_manager.filter(pk=instance.object_id).first()
        if obj is not None:  # logged before the admin deletes it
            pairs.append(_entry(verb, obj, {}, actor=actor, note="deleted"))
    _write(pairs)


def connect():
    from django.contrib.admin.models import LogEntry

    pre_save.connect(_before_save, dispatch_uid="kopa_audit_before_save")
    post_save.connect(_after_save, dispatch_uid="kopa_audit_after_save")
    m2m_changed.connect(_m2m_changed, dispatch_uid="kopa_audit_m2m_changed")
    post_save.connect(_admin_logged, sender=LogEntry, dispatch_uid="kopa_audit_admin_logged")
