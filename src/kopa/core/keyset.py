"""Keyset pagination, for the API's lists (`kopa.api.pages`) and the site's (`kopa.core.pages`) alike (issue 15).

A deep page is read by filtering on the sort key of the row before it ("start date before 2021-03-04, or on it
with a smaller id") instead of skipping every row before it (OFFSET), so it costs what the first page does and
uses the index of the order. The position travels as a signed cursor, so it cannot be forged, and carries a
fingerprint of the list and order it was made for, so one made for another list or sort is refused, not misread.

- `sort_keys(queryset)`: the queryset's order as a total order (ending with the primary key), or None when no
  cursor can hold it (random, raw SQL, a relation ordered by its own model's ordering);
- `ordered(queryset, keys)`: the queryset with its sort keys annotated on each row (`_kopa_key0`, …), ordered by
  them; `reverse(keys)`: the opposite order, to read the page before a position;
- `after(keys, values)`: the filter for the rows after the one whose keys were `values`;
- `encode(row, keys, fingerprint, **extra)` / `decode(...)`: the signed cursor (`InvalidCursor` when it is not
  ours or not for this list)."""

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

# The salt of the cursors the API gave out before this module was shared: those still read.
SALT = "kopa.api.cursor"
KEY = "_kopa_key"  # the sort keys, annotated on the page's rows as _kopa_key0, _kopa_key1, …


class InvalidCursor(Exception):
    """A cursor that is not ours, was made for another list or order, or holds what the keys cannot be. `data`:
    what a cursor of ours made for another list or order carries (None for one that is not ours)."""

    def __init__(self, data: dict | None = None):
        super().__init__()
        self.data = data


def sort_keys(queryset: QuerySet) -> list[OrderBy] | None:
    """The queryset's order as explicit terms, ending with the primary key (a total order a cursor can hold), with
    NULLs where this database puts them anyway; None for an order no cursor can express."""
    query = queryset.query
    if query.combinator or query.extra_order_by or query.extra:
        return None
    order = list(query.order_by) if query.order_by else (
        list(queryset.model._meta.ordering) if query.default_ordering else [])
    terms = []
    for item in order:
        if isinstance(item, str):
            name = item.lstrip("-+")
            if item == "?" or "." in name or _is_relation(queryset, name):
                return None  # random, raw SQL, or a relation ordered by its model's own ordering
            terms.append(OrderBy(F(name), descending=item.startswith("-")))
        elif isinstance(item, OrderBy):
            terms.append(item.copy())
        elif hasattr(item, "resolve_expression"):
            terms.append(OrderBy(item))
        else:
            return None
    pk_names = {"pk", queryset.model._meta.pk.name}
    if not any(isinstance(t.expression, F) and t.expression.name in pk_names for t in terms):
        terms.append(OrderBy(F("pk")))  # ties broken by the primary key
    # PostgreSQL sorts NULLs as larger than any value, SQLite as smaller; stated, so a cursor knows where they are.
    nulls_largest = connections[queryset.db].vendor == "postgresql"
    for term in terms:
        if not term.nulls_first and not term.nulls_last:
            if nulls_largest != term.descending:
                term.nulls_last = True
            else:
                term.nulls_first = True
    return terms


def _is_relation(queryset, name: str) -> bool:
    if name in queryset.query.annotations or name == "pk" or "__" in name:
        return False  # a lookup through a relation ends on a field (Django refuses the others in order_by anyway)
    try:
        return queryset.model._meta.get_field(name).is_relation
    except FieldDoesNotExist:
        return False


def reverse(keys: list[OrderBy]) -> list[OrderBy]:
    """The opposite order (NULLs on the other side too): the rows before a position are the first rows after it
    in this order."""
    return [OrderBy(term.expression, descending=not term.descending, nulls_first=term.nulls_last or None,
                    nulls_last=term.nulls_first or None) for term in keys]


def ordered(queryset: QuerySet, keys: list[OrderBy]) -> QuerySet:
    annotated = queryset.annotate(**{f"{KEY}{i}": term.expression for i, term in enumerate(keys)})
    return annotated.order_by(*[
        OrderBy(F(f"{KEY}{i}"), descending=term.descending, nulls_first=term.nulls_first or None,
                nulls_last=term.nulls_last or None)
        for i, term in enumerate(keys)])


def after(keys: list[OrderBy], values: list) -> Q:
    """Rows (of `ordered(…, keys)`) after the one whose sort keys were `values`:
    (k0 after v0) or (k0 = v0 and k1 after v1) or …"""
    beyond_all = Q(pk__in=[])
    same = Q()
    for i, (term, value) in enumerate(zip(keys, values, strict=True)):
        name = f"{KEY}{i}"
        if value is None:
            beyond = None if term.nulls_last else Q(**{f"{name}__isnull": False})
            equal = Q(**{f"{name}__isnull": True})
        else:
            beyond = Q(**{f"{name}__{'lt' if term.descending else 'gt'}": value})
            if term.nulls_last:
                beyond |= Q(**{f"{name}__isnull": True})
            equal = Q(**{name: value})
        if beyond is not None:
            beyond_all |= same & beyond
        same &= equal
    # The first key bounded on its own as well, so an index on it is read from the position on.
    first, value = keys[0], values[0]
    if value is not None:
        bound = Q(**{f"{KEY}0__{'lte' if first.descending else 'gte'}": value})
        beyond_all &= bound | Q(**{f"{KEY}0__isnull": True}) if first.nulls_last else bound
    return beyond_all


def fingerprint(path: str, keys: list[OrderBy]) -> str:
    """Which list and order a cursor belongs to: one made for another is refused, not misread. The order's terms
    include the language of a translated name's sort, so a cursor does not survive a change of language either."""
    shape = path + "|" + "|".join(repr(k) for k in keys)
    return hashlib.sha256(shape.encode()).hexdigest()[:12]


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


def key_of(row, i: int):
    name = f"{KEY}{i}"
    return row[name] if isinstance(row, dict) else getattr(row, name)


def encode(row, keys: list[OrderBy], print_: str, **extra) -> str:
    """The cursor of the position just after `row` (a row of `ordered(…, keys)`); `extra` travels with it (the
    site's page number)."""
    return signing.dumps({"o": print_, "k": [_plain(key_of(row, i)) for i in range(len(keys))], **extra},
                         salt=SALT, compress=True)


def decode(cursor: str, print_: str, queryset: QuerySet, keys: list[OrderBy]) -> tuple[list, dict]:
    """The sort keys a cursor holds, as the keys' own types, and the whole of what it carries; `queryset` is
    `ordered(…, keys)`. InvalidCursor when it is not one of ours for this list and order."""
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise InvalidCursor from None
    if not isinstance(data, dict):
        raise InvalidCursor
    if data.get("o") != print_ or not isinstance(data.get("k"), list) or len(data["k"]) != len(keys):
        raise InvalidCursor(data)
    values = []
    for i, value in enumerate(data["k"]):
        try:
            field = queryset.query.annotations[f"{KEY}{i}"].output_field
            values.append(None if value is None else field.to_python(value))
        except (ValidationError, FieldError, TypeError, ValueError, KeyError):
            raise InvalidCursor from None
    return values, data
