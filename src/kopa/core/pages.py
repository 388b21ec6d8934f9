"""Pagination shared by every public list, and the way a button press runs its service call.

`paginate` numbers the first pages of a list (`?page=2` … `?page=KOPA_NUMBERED_PAGES`, read by OFFSET, which is
cheap that near the top); "Next page" from the last numbered page on carries a signed cursor of the last row's
sort keys instead (`?after=…`), and "Previous page" of a page reached so the first row's (`?before=…`): such a
page filters on the sort key with the order's index (`kopa.core.keyset`, the API's own), so the 10,000th page
costs what the first does. The cursor also carries the page's number, so "Page 512 of about 10,000" still reads
right. A cursor that is not ours, or was made for another list, order or language, shows the first page with a
message, never an error."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from kopa.core import keyset
from kopa.core.errors import DomainError

# The query parameters of a position in a list; a link to another page replaces all of them.
POSITION = ("page", "after", "before")


def numbered_pages() -> int:
    return getattr(settings, "KOPA_NUMBERED_PAGES", 10)


def paginate(request, queryset, per_page: int | None = None, count=None):
    """The page of `queryset` the request asks for: by number near the top, by cursor deeper (see above). The
    page's `links` say where "Next page", "Previous page" and "First page" lead (`{% page_link %}`). `count`: a
    function giving the same number as `queryset.count()` more cheaply (counting ids without the rows' join)."""
    per_page = per_page or settings.KOPA_PAGE_SIZE
    keys = keyset.sort_keys(queryset) if isinstance(queryset, QuerySet) else None
    if keys is not None:
        for direction in ("after", "before"):
            cursor = request.GET.get(direction)
            if cursor:
                try:
                    return _cursor_page(request, queryset, keys, per_page, cursor, forward=direction == "after",
                                        count=count)
                except keyset.InvalidCursor as refused:
                    # One of ours for this list in another order (a sort heading clicked on a deep page): the
                    # first page of the order asked for, as the click meant. Anything else is said.
                    resorted = bool(refused.data) and refused.data.get("p") == keyset.fingerprint(request.path, [])
                    if not resorted:
                        messages.warning(request, _("That page link is not valid any more (the list, its order or "
                                                    "the language changed): here is the first page."),
                                         fail_silently=True)
                page = EstimatingPaginator(queryset, per_page, counted_by=count).page(1)
                page.refused = not resorted
                return _linked(page, request, keys)
    asked = _number(request.GET.get("page"))
    deep = keys is not None and asked >= numbered_pages()
    # From the last numbered page on, the rows carry their sort keys, for the cursor of "Next page".
    rows = keyset.ordered(queryset, keys) if deep else queryset
    page = EstimatingPaginator(rows, per_page, counted_by=count).get_page(asked)
    return _linked(page, request, keys)


def _number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


class ListPage(Page):
    """A page of a list, with where its links lead: `links[name]` is the query that replaces the list's position
    (page, after, before) for "next", "previous" and "first"."""

    refused = False  # a cursor was refused: this is the first page instead

    def __init__(self, object_list, number, paginator, *, more=None, before=None):
        super().__init__(object_list, number, paginator)
        self._more, self._before = more, before
        self.links = {}

    def has_next(self):
        return super().has_next() if self._more is None else self._more

    def has_previous(self):
        return super().has_previous() if self._before is None else self._before


def _linked(page: ListPage, request, keys) -> ListPage:
    number, last_numbered = page.number, numbered_pages()
    path = request.path
    if page.has_next():
        if keys is not None and number >= last_numbered and len(page):
            page.links["next"] = {"after": _cursor(page[-1], keys, path, number + 1)}
        else:
            page.links["next"] = {"page": number + 1}
    if page.has_previous():
        if number - 1 <= last_numbered or keys is None or not len(page):
            page.links["previous"] = {"page": number - 1} if number > 2 else {}
        else:
            page.links["previous"] = {"before": _cursor(page[0], keys, path, number - 1)}
    if number > 2:
        page.links["first"] = {}
    return page


def _cursor(row, keys, path: str, number: int) -> str:
    """The cursor of the position next to `row`, for the page numbered `number`; `p` says which list it is of
    whatever its order, so a sort changed on a deep page is told from a forged or foreign link."""
    return keyset.encode(row, keys, keyset.fingerprint(path, keys), n=number, p=keyset.fingerprint(path, []))


def _cursor_page(request, queryset, keys, per_page: int, cursor: str, *, forward: bool, count=None) -> ListPage:
    """The page after (or before) a cursor's position, read by the sort key: one query for the rows (and one
    beyond them, to know whether there are more) and the count a first page makes. InvalidCursor for a cursor
    that is not ours for this list and order."""
    order = keys if forward else keyset.reverse(keys)
    rows = keyset.ordered(queryset, order)
    values, data = keyset.decode(cursor, keyset.fingerprint(request.path, keys), rows, order)
    number = data.get("n")
    if not isinstance(number, int) or isinstance(number, bool) or number < 2:
        raise keyset.InvalidCursor
    found = list(rows.filter(keyset.after(order, values))[:per_page + 1])
    more = len(found) > per_page
    found = found[:per_page]
    if not forward:
        found.reverse()
        if not more:
            number = 1  # nothing before these: this is the top of the list (rows came or went since)
    paginator = EstimatingPaginator(queryset, per_page, counted_by=count)
    paginator.agree_with(number, len(found), last=forward and not more)
    page = ListPage(found, number, paginator, more=more if forward else True, before=True if forward else more)
    return _linked(page, request, keys)


class EstimatingPaginator(Paginator):
    """A paginator that, for a whole big table on PostgreSQL, takes the planner's row estimate as its count instead
    of an exact COUNT(*) that reads every row on each request (the list then says "about"). Filtered lists, small
    tables and SQLite count exactly. The last page and any past it count exactly, so the real last page is shown."""

    estimated = False

    def __init__(self, *args, counted_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counted_by = counted_by

    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)

    @cached_property
    def count(self):
        if self.counted_by is not None:
            return self.counted_by()
        counted = count_of_whole_table(self.object_list)
        if counted is None:
            return super().count
        count, self.estimated = counted
        return count

    def validate_number(self, number):
        try:
            number = super().validate_number(number)
        except EmptyPage:
            if not self.estimated:
                raise
            self._count_exactly()
            return super().validate_number(number)  # past the real end: get_page shows the real last page
        if self.estimated and number >= self.num_pages:
            self._count_exactly()
            return super().validate_number(number)
        return number

    def agree_with(self, number: int, rows: int, *, last: bool) -> None:
        """For a page reached by cursor (number `number`, holding `rows`): a total that says there are fewer
        pages than that (an estimate, or rows added since) gives way to what the walk has seen; the last page
        knows the total without counting."""
        if last:  # (not counted at all)
            self.estimated = False
            count = (number - 1) * self.per_page + rows
        else:
            count = max(self.count, number * self.per_page + 1)
        self.__dict__.pop("num_pages", None)
        self.__dict__["count"] = count

    def _count_exactly(self):
        self.estimated = False
        for name in ("count", "num_pages"):
            self.__dict__.pop(name, None)
        self.__dict__["count"] = self.counted_by() if self.counted_by else Paginator.count.func(self)


def count_of_whole_table(queryset) -> tuple[int, bool] | None:
    """For a queryset that reads a whole table as it is (no WHERE, DISTINCT, grouping or slice) on PostgreSQL, in one
    query: pg_class's row estimate (kept by autovacuum's ANALYZE) when it is above KOPA_ESTIMATED_COUNT_ABOVE, else
    the exact count (a small or never analysed table), with whether it is the estimate. None elsewhere (count as
    Django does), so a list runs as many queries as with an exact count."""
    if not isinstance(queryset, QuerySet):
        return None
    connection = connections[queryset.db]
    query = queryset.query
    if (connection.vendor != "postgresql" or query.where or query.distinct or query.group_by is not None
            or query.combinator or query.is_sliced or query.extra):
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    above = getattr(settings, "KOPA_ESTIMATED_COUNT_ABOVE", 10_000)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CASE WHEN reltuples > %s THEN reltuples::bigint ELSE (SELECT COUNT(*) FROM {table}) "
                       "END, reltuples > %s FROM pg_class WHERE oid = %s::regclass", [above, above, table])
        count, estimated = cursor.fetchone()
    return int(count), estimated


def act(request, call, done=None) -> bool:
    """Run a service call for a button press: a refusal becomes a message in the reader's language, a permission
    refusal a 403; success says `done` (or "Saved.")."""
    try:
        call()
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        messages.error(request, str(error))
        return False
    messages.success(request, done or _("Saved."))
    return True
