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
rows and not the whole table, and the sort handles narrow rows.

The sort keys, the filter after a position and the signed cursor are `kopa.core.keyset`'s, shared with the site's
lists (`kopa.core.pages`)."""

from typing import Any
from urllib import parse

from django.db.models import QuerySet
from django.db.models.expressions import Col, OrderBy
from django.db.models.query import ModelIterable
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

from kopa.core import keyset
from kopa.core.keyset import KEY

from .guards import MAX_LIMIT, MAX_OFFSET

DEFAULT_LIMIT = 20  # a page of 100 articles is 380 KB; 20 answers most readers, `limit` asks for more
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
        keys = keyset.sort_keys(queryset)
        if keys is None:  # an order a cursor cannot express (random, raw SQL): offset only
            if pagination.cursor:
                raise HttpError(400, _("This list is paged by offset; it takes no cursor."))
            items, more = _fetch(queryset, offset, limit)
            return self._answer(request, items, count=_total(queryset, pagination, offset, items, more),
                                next_query={"offset": offset + limit} if more else None)
        ordered = keyset.ordered(queryset, keys)
        print_ = _fingerprint(request, keys)
        if pagination.cursor:
            ordered = ordered.filter(keyset.after(keys, _decode(pagination.cursor, print_, ordered, keys)))
        items, more = _fetch(ordered, offset, limit)
        next_query = {"cursor": keyset.encode(items[-1], keys, print_), "offset": None} if more and items else None
        count = None if pagination.cursor and not pagination.count else _total(queryset, pagination, offset, items,
                                                                               more)
        return self._answer(request, items, count=count, next_query=next_query)

    def _answer(self, request, items, *, count, next_query) -> dict:
        if self.prepare is not None:
            self.prepare(items)
        return {self.items_attribute: items, "count": count,
                "next": _address(request, next_query) if next_query else None}


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
    return keyset.fingerprint(request.path, keys)


def _decode(cursor: str, print_: str, queryset: QuerySet, keys: list[OrderBy]) -> list:
    try:
        return keyset.decode(cursor, print_, queryset, keys)[0]
    except keyset.InvalidCursor:
        raise HttpError(400, _("This cursor is not valid: take the one from `next` of the same list, or start "
                               "again from the first page.")) from None


def _address(request, changes: dict) -> str:
    """This request's address with `changes` to its query (None removes a parameter)."""
    scheme, netloc, path, query, fragment = parse.urlsplit(request.build_absolute_uri())
    params = parse.parse_qs(query, keep_blank_values=True)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = [str(value)]
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(sorted(params.items()), doseq=True), fragment))
