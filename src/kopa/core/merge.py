"""Merging a duplicate entry into the one kept, for any model: every reference moves, nothing else is lost.

`merge_records(kept, duplicate)` finds every foreign key and one-to-one field of every installed model that
points at the duplicate's model (many-to-many tables are models with such keys too, auto-created or not) and
every generic foreign key (contenttypes), and points them at the entry kept, all in the caller's transaction.
Where the entry kept already has the same row (a unique constraint clashes: the same partner in the same
project, the same name variant twice), the existing row is kept and the duplicate's row is merged into it in
turn, so what refers to that row moves too. A row the merge makes meaningless (a reform in which a municipality
succeeds itself: a check constraint refuses it) is dropped and counted. The duplicate is then deleted.

The caller (an app's service) checks who may merge, keeps the duplicate's name as a variant and logs the merge.
"""

from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

# A unique clash merges the clashing rows, which may clash again one level down; deeper than this is a cycle.
MAX_DEPTH = 5


def _foreign_keys_to(model):
    """(model, field) for every concrete foreign key or one-to-one field that points at `model`."""
    targets = {model._meta.concrete_model, *model._meta.get_parent_list()}
    for related in apps.get_models(include_auto_created=True):
        if related._meta.proxy:
            continue
        for field in related._meta.local_fields:
            if (isinstance(field, models.ForeignKey) and field.remote_field.model in targets
                    and not field.remote_field.parent_link):
                yield related, field


def _generic_keys():
    """(model, content type field name, object id field name) for every generic foreign key."""
    for related in apps.get_models():
        for field in related._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                yield related, field.ct_field, field.fk_field


def _unique_sets(model) -> list[tuple[tuple[str, ...], models.Q | None]]:
    sets = [((field.name,), None) for field in model._meta.local_fields if field.unique and not field.primary_key]
    sets += [(tuple(fields), None) for fields in model._meta.unique_together]
    sets += [(tuple(c.fields), c.condition) for c in model._meta.constraints
             if isinstance(c, models.UniqueConstraint) and c.fields]
    return sets


def _twin(row, changes: dict):
    """The row the entry kept already has that `row` clashes with once `changes` are applied, if any."""
    model = type(row)
    changed = {model._meta.get_field(name).name for name in changes}  # get_field knows attnames too
    for fields, condition in _unique_sets(model):
        if not changed & set(fields):
            continue
        lookup = {}
        for name in fields:
            field = model._meta.get_field(name)
            lookup[field.attname] = changes.get(field.attname, changes.get(field.name, getattr(row, field.attname)))
        candidates = model._base_manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            candidates = candidates.filter(condition)
        twin = candidates.first()
        if twin is not None:
            return twin
    return None


def _move(model, label: str, selection: dict, changes: dict, report: dict, depth: int) -> None:
    rows = model._base_manager.filter(**selection)
    try:
        with transaction.atomic():  # a savepoint: a clash undoes only this update
            count = rows.update(**changes)
    except IntegrityError:
        count = None
    if count is not None:
        if count:
            report["moved"][label] += count
        return
    # Some rows clash with rows the entry kept already has: one row at a time.
    for row in list(rows):
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=row.pk).update(**changes)
            report["moved"][label] += 1
            continue
        except IntegrityError:
            pass
        twin = _twin(row, changes)
        if twin is not None:
            _merge(twin, row, report, depth + 1)
        else:
            model._base_manager.filter(pk=row.pk).delete()
        report["dropped"][label] += 1


def _merge(kept, duplicate, report: dict, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise DomainError(_("These entries refer to each other too deeply to be merged."), code="merge_depth")
    for model, field in _foreign_keys_to(type(duplicate)):
        old, new = getattr(duplicate, field.target_field.attname), getattr(kept, field.target_field.attname)
        label = f"{model._meta.label_lower}.{field.name}"
        _move(model, label, {field.attname: old}, {field.attname: new}, report, depth)
    content_type = ContentType.objects.get_for_model(duplicate, for_concrete_model=True)
    for model, ct_field, id_field in _generic_keys():
        ct_attname = model._meta.get_field(ct_field).attname
        label = f"{model._meta.label_lower}.{id_field}"
        _move(model, label, {ct_attname: content_type.pk, id_field: duplicate.pk}, {id_field: kept.pk}, report,
              depth)
    type(duplicate)._base_manager.filter(pk=duplicate.pk).delete()


def check_mergeable(kept, duplicate) -> None:
    """Refuses what cannot be merged, with a message for the person who asked."""
    if kept is None or duplicate is None or kept.pk is None or duplicate.pk is None:
        raise DomainError(_("Choose the entry to keep and its duplicate."), field="duplicate", code="required")
    if kept._meta.concrete_model is not duplicate._meta.concrete_model:
        raise DomainError(_("Only entries of the same kind can be merged (%(kept)s and %(duplicate)s are not).")
                          % {"kept": kept._meta.verbose_name, "duplicate": duplicate._meta.verbose_name},
                          field="duplicate", code="different_kinds")
    if kept.pk == duplicate.pk:
        raise DomainError(_("An entry cannot be merged into itself."), field="duplicate", code="self")


@transaction.atomic
def merge_records(kept, duplicate, *, fill_empty=()) -> dict:
    """Move every reference from `duplicate` to `kept`, delete `duplicate`; returns what moved.

    `fill_empty` names fields of the model whose value the entry kept takes from the duplicate where its own is
    empty (a user account, a name in another language): the caller decides which facts may pass over.
    The report is {"moved": {"app.model.field": rows}, "dropped": {...}, "filled": [field names]}.
    """
    check_mergeable(kept, duplicate)
    model = kept._meta.concrete_model
    locked = {row.pk: row for row in model._base_manager.select_for_update().filter(pk__in=[kept.pk, duplicate.pk])}
    if len(locked) != 2:
        raise DomainError(_("One of the entries no longer exists."), field="duplicate", code="not_found")
    kept, duplicate = locked[kept.pk], locked[duplicate.pk]
    report = {"moved": Counter(), "dropped": Counter(), "filled": []}
    taken = {}
    for name in fill_empty:
        field = model._meta.get_field(name)
        if getattr(kept, field.attname) in (None, "") and getattr(duplicate, field.attname) not in (None, ""):
            taken[field] = getattr(duplicate, field.attname)
    unique_taken = [field for field in taken if field.unique]
    if unique_taken:  # a one-to-one value (a user account) cannot be on both rows at once
        model._base_manager.filter(pk=duplicate.pk).update(**{field.attname: None for field in unique_taken})
    _merge(kept, duplicate, report, depth=0)
    if taken:
        for field, value in taken.items():
            setattr(kept, field.attname, value)
        kept.save()
        report["filled"] = sorted(field.name for field in taken)
    return {"moved": dict(report["moved"]), "dropped": dict(report["dropped"]), "filled": report["filled"]}
