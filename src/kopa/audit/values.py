"""What an entry may hold of an object: its label, where it belongs, its fields as JSON, which fields are personal."""

import datetime
import decimal
import json
import uuid

from django.db import models

# Never written anywhere, not even for administrators: that they changed is all the log says.
# A personal link's token opens someone's registration or survey: as secret as a password.
SECRET_WORDS = ("password", "secret", "digest", "token", "key_hash")
# A personal field's value is kept under the person it is about; these are the models a person *is*.
_PERSON_MODELS = {"directory.person"}
_USER_MODELS = {"auth.user"}
# Where a row says whose it is (first one present wins).
_SUBJECT_PATHS = (("person_id",), ("respondent_id",), ("response", "person_id"), ("registration", "person_id"),
                  ("invitation", "person_id"))
TEXT_LIMIT = 2000


def label_of(model) -> str:
    return model._meta.label_lower


def is_secret(field_name: str) -> bool:
    return any(word in field_name for word in SECRET_WORDS)


def _is_free_text(field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def personal_fields(model) -> frozenset[str]:
    """The fields of a model whose values are personal data: a person's or a user's own fields, and the free
    texts of any row that belongs to a person (answers, notes, names as written)."""
    cached = getattr(model, "_audit_personal", None)
    if cached is not None:
        return cached
    label = label_of(model)
    fields = model._meta.concrete_fields
    if label in _PERSON_MODELS or label in _USER_MODELS:
        result = frozenset(f.attname for f in fields if _is_free_text(f) and f.name not in ("language",))
    elif any(f.attname in ("person_id", "respondent_id", "user_id") for f in fields) or subject_path(model):
        result = frozenset(f.attname for f in fields if _is_free_text(f))
    else:
        result = frozenset()
    model._audit_personal = result
    return result


def subject_path(model):
    names = {f.attname for f in model._meta.concrete_fields} | {f.name for f in model._meta.concrete_fields}
    for path in _SUBJECT_PATHS:
        if path[0] in names:
            return path
    return None


def subject_of(instance) -> tuple[int | None, int | None]:
    """(person id, user id) the personal values of this row are about; (None, None) when no one can be named —
    then a personal value is not kept at all."""
    label = label_of(type(instance))
    if label in _PERSON_MODELS:
        return instance.pk, getattr(instance, "user_id", None)
    if label in _USER_MODELS:
        return None, instance.pk
    path = subject_path(type(instance))
    if path is not None:
        value = instance
        try:
            for step in path:
                value = getattr(value, step)
        except Exception:  # a related row not there (deleted, unsaved): no one to keep it under
            return None, None
        if value is not None:
            return value, None
    user_id = getattr(instance, "user_id", None)
    return (None, user_id) if user_id is not None else (None, None)


def object_label(instance) -> str:
    """A label naming no one: people and rows about a person are "Person #12"; others their own text."""
    meta = instance._meta
    model = type(instance)
    if (personal_fields(model) or subject_path(model) or label_of(model) in _USER_MODELS
            or any(f.attname == "user_id" for f in meta.concrete_fields)):
        return f"{meta.verbose_name} #{instance.pk}"[:255]
    try:
        return str(instance)[:255]
    except Exception:  # a __str__ reading a related row that is gone
        return f"{meta.verbose_name} #{instance.pk}"[:255]


def belongs_to(instance) -> tuple[int | None, int | None]:
    """(project id, activity id) of the object, read from the row itself (no query)."""
    label = label_of(type(instance))
    if label == "projects.project":
        return instance.pk, None
    if label == "activities.activity":
        return getattr(instance, "project_id", None), instance.pk
    return getattr(instance, "project_id", None), getattr(instance, "activity_id", None)


def as_json(value):
    """A field's value as the log stores it."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= TEXT_LIMIT else value[:TEXT_LIMIT] + "…"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | datetime.timedelta):
        return str(value)
    if isinstance(value, list | tuple | dict):
        # A structure (an analysis' results, a questionnaire's filters) is kept whole only when it is small.
        result = ([as_json(v) for v in value] if not isinstance(value, dict)
                  else {str(k): as_json(v) for k, v in value.items()})
        size = len(json.dumps(result, ensure_ascii=False, default=str))
        return result if size <= TEXT_LIMIT else f"({size} characters)"
    name = getattr(value, "name", None)  # a file
    if isinstance(name, str):
        return name
    return str(value)[:TEXT_LIMIT]


def tracked_fields(model):
    """The columns a change is recorded for (not timestamps the database keeps by itself)."""
    return [f for f in model._meta.concrete_fields
            if not getattr(f, "auto_now", False) and not f.primary_key and f.attname != "key"]


def snapshot(instance, fields=None) -> dict:
    return {f.attname: getattr(instance, f.attname, None) for f in (fields or tracked_fields(type(instance)))}
