"""C11: no input makes the API answer 500. What the routers' schemas do not bound is bounded here, for every
operation at once: pages (`limit`, `offset`), integers in paths and queries, and every value a write would hand
to the database (lengths, digits, integer ranges) — each refused with a 4xx that names the field.

`guard` wraps each operation (ninja's "view" decorator, before validation) in a savepoint, so a database error
that still slips through rolls back only that request and is answered 422 by the handlers in `routes.py`."""

import contextvars
import json
import re
from decimal import Decimal
from functools import wraps

from django.core.exceptions import ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext as _

MAX_LIMIT = 100  # items per page: `?limit=100000` must not send the whole directory
MAX_OFFSET = 1_000_000  # beyond any list Kopā holds; bigger offsets overflow the database's LIMIT/OFFSET
INT64 = 2**63 - 1  # record ids and counts are 64-bit integers in both databases
YEARS = (1900, 2100)  # a `year` asked for: the range the activities list already states

_in_api = contextvars.ContextVar("kopa_api_request", default=False)


class _RollBack(Exception):
    """Leaves the request's savepoint with the response a handler made of a database error."""

    def __init__(self, response):
        self.response = response


def roll_back(request) -> None:
    """Asked by an exception handler: undo what this request wrote (the database refused part of it)."""
    request._kopa_roll_back = True


def guard(run):
    """The ninja "view" decorator of every operation: bounds checked before validation, then one savepoint."""
    operation = getattr(run, "__self__", None)
    paginated, integers = _parameters(operation)

    @wraps(run)
    def guarded(request, **kwargs):
        errors = [_error("query", name, str(ProhibitNullCharactersValidator.message))
                  for name, value in request.GET.items() if "\x00" in value]  # PostgreSQL cannot compare them
        for source, name in integers:
            raw = kwargs.get(name) if source == "path" else request.GET.get(name)
            if name == "year" and source == "query" and _beyond(raw, *YEARS):
                errors.append(_error(source, name, _("Ensure this value is between %(min)s and %(max)s.")
                                     % {"min": YEARS[0], "max": YEARS[1]}))
            elif _beyond(raw, -INT64, INT64):
                if source == "path":  # no record has such an id
                    return operation.api.on_exception(request, Http404())
                errors.append(_error(source, name, _("Ensure this value is between %(min)s and %(max)s.")
                                     % {"min": -INT64, "max": INT64}))
        if paginated:
            if _beyond(request.GET.get("limit"), 1, MAX_LIMIT):
                errors.append(_error("query", "limit", _("Ensure this value is between %(min)s and %(max)s.")
                                     % {"min": 1, "max": MAX_LIMIT}))
            if _beyond(request.GET.get("offset"), 0, MAX_OFFSET):
                errors.append(_error("query", "offset", _("Ensure this value is between %(min)s and %(max)s.")
                                     % {"min": 0, "max": MAX_OFFSET}))
        if errors:
            return operation.api.create_response(request, {"detail": errors}, status=422)
        token = _in_api.set(True)
        try:
            with transaction.atomic():
                response = run(request, **kwargs)
                if getattr(request, "_kopa_roll_back", False):
                    raise _RollBack(response)
        except _RollBack as rolled_back:
            response = rolled_back.response
        finally:
            _in_api.reset(token)
        return response

    return guarded


def _parameters(operation) -> tuple[bool, list[tuple[str, str]]]:
    """Whether the operation is paged, and its integer path and query parameters."""
    paginated, integers = False, []
    for model in getattr(operation, "models", []):
        source = getattr(model, "__ninja_param_source__", None)
        if source not in ("path", "query"):
            continue
        for name, field in model.model_fields.items():
            if name == "ninja_pagination":
                paginated = True
            elif field.annotation is int or field.annotation == int | None:
                integers.append((source, field.alias or name))
    return paginated, integers


def _beyond(raw, low: int, high: int) -> bool:
    """An integer outside [low, high]; what is not an integer at all is left to ninja's validation (422)."""
    if raw is None or not re.fullmatch(r"\s*[-+]?\d+\s*", str(raw)):
        return False
    return not low <= int(raw) <= high


def _error(source: str, name: str, message: str) -> dict:
    return {"type": "value_error", "loc": [source, name], "msg": message}


# What the database would refuse, refused first with Django's own (translated) messages naming the field. Only
# inside an API request: pages validate through their forms, and SQLite would store an over-long text silently.

_RANGES = BaseDatabaseOperations.integer_field_ranges  # PostgreSQL's limits, whatever the database in use


@receiver(pre_save, dispatch_uid="kopa.api.guards.refuse_what_the_database_would")
def refuse_what_the_database_would(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _in_api.get():
        return
    errors = {}
    for field in instance._meta.concrete_fields:
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, field.attname, None)
        try:
            for validator in _database_validators(field, value):
                validator(value)
        except ValidationError as error:
            errors[field.name] = error.messages
    if errors:
        raise ValidationError(errors)


def _database_validators(field, value) -> list:
    if value is None:
        return []
    if isinstance(field, models.CharField) and field.max_length and isinstance(value, str):
        return [MaxLengthValidator(field.max_length)]
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal) and value.is_finite():
        return [DecimalValidator(field.max_digits, field.decimal_places)]
    if isinstance(field, models.IntegerField) and isinstance(value, int) and not isinstance(value, bool):
        low, high = _RANGES.get(field.get_internal_type(), (-INT64 - 1, INT64))
        return [MinValueValidator(low), MaxValueValidator(high)]
    return []


# Naming the field of an error the database (or a library) raised without one: the request's value that caused
# it, found among the path, query and JSON body.

def field_holding(request, matches) -> str | None:
    """The name of the first path, query or body value for which `matches(value)` is true."""
    match = getattr(request, "resolver_match", None)
    candidates = list((match.kwargs if match else {}).items()) + list(request.GET.items())
    try:
        body = json.loads(request.body) if request.body else None
    except (ValueError, UnicodeDecodeError, Exception):  # noqa: B014 — a body already read as a stream, or not JSON
        body = None
    candidates += list(_flatten(body))
    for name, value in candidates:
        try:
            if matches(value):
                return name
        except (TypeError, ValueError, ArithmeticError):
            continue
    return None


def in_path(request, value) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match) and any(str(v) == str(value) for v in match.kwargs.values())


def _flatten(data, prefix=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _flatten(value, f"{prefix}.{index}" if prefix else str(index))
    elif prefix:
        yield prefix, data
