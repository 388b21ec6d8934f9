"""Issue 15: every API list costs the same on its first page and on its ten-thousandth, at any size of the data.

`Pages` is the pagination of every list (`@paginate(Pages)`):

- `limit` (default `DEFAULT_LIMIT`, at most `MAX_LIMIT`; more is refused 422 by `guards`) and `offset`;
- `cursor`: the position after the last row of a page, signed so it cannot be forged. `next` in each answer is
  the address of the following page with its cursor; a cursor page filters on the sort key (keyset pagination)
  instead of skipping rows, so deep pages cost what the first one does. A cursor that is not one of ours, or was
  made for another list or sort, is answered 400;
- `count`: the total only when asked (`?count=true`) or when the page shows it (the last page reached by offset,
  the first included) — never a `COUNT(*)` over a whole table on every request; otherwise null.

A list whose rows carry a grouped count (a project's partnerships) or joined relations is read in two steps: the
page's ids (and sort keys) alone, then those rows with their counts and relations, so a count is grouped over 20
rows and not the whole table, and the sort handles narrow rows."""

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from urllib import parse
from uuid import UUID

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Col, OrderBy
from django.db.models.query import ModelIterable
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

from .guards import MAX_LIMIT, MAX_OFFSET

SALT = "kopa.api.cursor"
DEFAULT_LIMIT = 20  # a page of 100 articles is 380 KB; 20 answers most readers, `limit` asks for more
KEY = "_kopa_key"  # the sort keys, annotated on the page's rows as _kopa_key0, _kopa_key1, …
DESCRIPTION = (
    f"Lists are paged: `limit` (1–{MAX_LIMIT}, default {DEFAULT_LIMIT}; more is refused with 422), then either `next` "
    "(the address of the following page, with a `cursor`: deep pages cost what the first does) or `offset` "
    f"(at most {MAX_OFFSET:,}). `count` is the total only with `?count=true`, or on a last page reached by offset; "
    "otherwise null. A malformed or foreign `cursor` is answered 400."
)


class Pages(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip (after the cursor, if one is given).")
        cursor: str = Field("", max_length=1000, description="From `next` of the previous page.")
        count: bool = Field(False, description="Also count the whole list (costs a count over it).")

    class Output(Schema):
        items: list[Any]
        count: int | None = None
        next: str | None = None

    def __init__(self, *, prepare=None, **kwargs):
        """`prepare(items)`: work done once for the whole page (e.g. the articles' rendered text, cached)."""
        self.prepare = prepare
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        limit, offset = pagination.limit, pagination.offset
        if not isinstance(queryset, QuerySet):
            if pagination.cursor:
                raise HttpError(400, _("This list is paged by offset; it takes no cursor."))
            rows = list(queryset)
            items = rows[offset:offset + limit]
            more = len(rows) > offset + limit
            return self._answer(request, items, count=len(rows),
                                next_query={"offset": offset + limit} if more else None)
        keys = sort_keys(queryset)
        if keys is None:  # an order a cursor cannot express (random, raw SQL): offset only
            if pagination.cursor:
                raise HttpError(400, _("This list is paged by offset; it takes no cursor."))
            items, more = _fetch(queryset, offset, limit)
            return self._answer(request, items, count=_total(queryset, pagination, offset, items, more),
                                next_query={"offset": offset + limit} if more else None)
        ordered = _ordered(queryset, keys)
        print_ = _fingerprint(request, keys)
        if pagination.cursor:
            ordered = ordered.filter(_after(ordered, keys, _decode(pagination.cursor, print_, ordered, keys)))
        items, more = _fetch(ordered, offset, limit)
        next_query = {"cursor": _encode(items[-1], keys, print_), "offset": None} if more and items else None
        count = None if pagination.cursor and not pagination.count else _total(queryset, pagination, offset, items,
                                                                               more)
        return self._answer(request, items, count=count, next_query=next_query)

    def _answer(self, request, items, *, count, next_query) -> dict:
        if self.prepare is not None:
            self.prepare(items)
        return {self.items_attribute: items, "count": count,
                "next": _address(request, next_query) if next_query else None}


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
    terms.append(OrderBy(F("pk")))  # ties broken by the primary key
    # PostgreSQL sorts NULLs as larger than any value, SQLite as smaller; stated, so a cursor knows where they are.
    nulls_largest = connection.vendor == "postgresql"
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


def _ordered(queryset: QuerySet, keys: list[OrderBy]) -> QuerySet:
    annotated = queryset.annotate(**{f"{KEY}{i}": term.expression for i, term in enumerate(keys)})
    return annotated.order_by(*[
        OrderBy(F(f"{KEY}{i}"), descending=term.descending, nulls_first=term.nulls_first or None,
                nulls_last=term.nulls_last or None)
        for i, term in enumerate(keys)])


def _after(queryset: QuerySet, keys: list[OrderBy], values: list) -> Q:
    """Rows after the one whose sort keys were `values`: (k0 after v0) or (k0 = v0 and k1 after v1) or …"""
    after = Q(pk__in=[])
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
            after |= same & beyond
        same &= equal
    # The first key bounded on its own as well, so an index on it is read from the position on.
    first, value = keys[0], values[0]
    if value is not None:
        bound = Q(**{f"{KEY}0__{'lte' if first.descending else 'gte'}": value})
        after &= bound | Q(**{f"{KEY}0__isnull": True}) if first.nulls_last else bound
    return after


def _fetch(queryset: QuerySet, offset: int, limit: int) -> tuple[list, bool]:
    """One page and whether there is more (one row beyond it read, instead of counting the whole list)."""
    lean = _without_grouped_counts(queryset)
    if lean is None:
        rows = list(queryset[offset:offset + limit + 1])
        return rows[:limit], len(rows) > limit
    names = [n for n in queryset.query.annotations if n.startswith(KEY)]
    found = list(lean.values_list("pk", *names)[offset:offset + limit + 1])
    more = len(found) > limit
    found = found[:limit]
    by_pk = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=[row[0] for row in found])}
    items = []
    for pk, *keys in found:
        if pk in by_pk:
            obj = by_pk[pk]
            for name, key in zip(names, keys, strict=True):
                setattr(obj, name, key)
            items.append(obj)
    return items, more


def _without_grouped_counts(queryset: QuerySet) -> QuerySet | None:
    """The queryset to find a page's ids with: without its aggregate annotations (and their joins and GROUP BY),
    when the rows it selects and their order do not depend on them, and without its joined relations; None when
    the queryset is read best as it is."""
    query = queryset.query
    if query.combinator or queryset._iterable_class is not ModelIterable:
        return None
    grouped = {name: a for name, a in query.annotations.items() if getattr(a, "contains_aggregate", False)}
    if not grouped:
        # Rows joined to their relations (select_related) are wide: sorting all of them to keep 20 cost more than
        # sorting the narrow ids and keys, then reading the 20 with their relations (20,000 activities: 3×).
        return queryset.prefetch_related(None) if query.select_related else None
    if (query.distinct or query.where.contains_aggregate
            or any(getattr(a, "contains_aggregate", False) for n, a in query.annotations.items() if n.startswith(KEY))):
        return None
    lean = queryset._chain()
    lean_query = lean.query
    for name, annotation in grouped.items():
        del lean_query.annotations[name]
        for alias in {e.alias for e in annotation.flatten() if isinstance(e, Col)}:
            while alias and alias != lean_query.base_table and alias in lean_query.alias_map:
                lean_query.unref_alias(alias)
                alias = getattr(lean_query.alias_map[alias], "parent_alias", None)
    if lean_query.annotation_select_mask is not None:
        lean_query.set_annotation_mask(set(lean_query.annotation_select_mask) - set(grouped))
    if any(count for alias, count in lean_query.alias_refcount.items() if alias != lean_query.base_table):
        return None  # another join is still used (a filter through a relation): without GROUP BY rows could repeat
    lean_query.group_by = None
    return lean.prefetch_related(None)


def _total(queryset, pagination, offset: int, items: list, more: bool) -> int | None:
    if pagination.count:
        lean = _without_grouped_counts(queryset)  # (not `lean or queryset`: a queryset's truth reads it whole)
        return (queryset if lean is None else lean).order_by().count()
    if not more and (items or offset == 0):
        return offset + len(items)  # the last page: what came before it and what it holds
    return None


def _fingerprint(request, keys: list[OrderBy]) -> str:
    """Which list and order a cursor belongs to: one made for another is refused, not misread."""
    shape = request.path + "|" + "|".join(repr(k) for k in keys)
    return hashlib.sha256(shape.encode()).hexdigest()[:12]


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


def _key_of(item, i: int):
    name = f"{KEY}{i}"
    return item[name] if isinstance(item, dict) else getattr(item, name)


def _encode(item, keys: list[OrderBy], print_: str) -> str:
    return signing.dumps({"o": print_, "k": [_plain(_key_of(item, i)) for i in range(len(keys))]}, salt=SALT,
                         compress=True)


def _decode(cursor: str, print_: str, queryset: QuerySet, keys: list[OrderBy]) -> list:
    refused = HttpError(400, _("This cursor is not valid: take the one from `next` of the same list, or start "
                               "again from the first page."))
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise refused from None
    if not isinstance(data, dict) or data.get("o") != print_ or not isinstance(data.get("k"), list) \
            or len(data["k"]) != len(keys):
        raise refused
    values = []
    for i, value in enumerate(data["k"]):
        try:
            field = queryset.query.annotations[f"{KEY}{i}"].output_field
            values.append(None if value is None else field.to_python(value))
        except (ValidationError, FieldError, TypeError, ValueError):
            raise refused from None
    return values


def _address(request, changes: dict) -> str:
    """This request's address with `changes` to its query (None removes a parameter)."""
    scheme, netloc, path, query, fragment = parse.urlsplit(request.build_absolute_uri())
    params = parse.parse_qs(query, keep_blank_values=True)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = [str(value)]
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(sorted(params.items()), doseq=True), fragment))
