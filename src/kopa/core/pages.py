"""Pagination shared by every public list, and the way a button press runs its service call."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError


def paginate(request, queryset, per_page: int | None = None):
    paginator = EstimatingPaginator(queryset, per_page or settings.KOPA_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


class EstimatingPaginator(Paginator):
    """A paginator that, for a whole big table on PostgreSQL, takes the planner's row estimate as its count instead
    of an exact COUNT(*) that reads every row on each request (the list then says "about"). Filtered lists, small
    tables and SQLite count exactly. The last page and any past it count exactly, so the real last page is shown."""

    estimated = False

    @cached_property
    def count(self):
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

    def _count_exactly(self):
        self.estimated = False
        for name in ("count", "num_pages"):
            self.__dict__.pop(name, None)
        self.__dict__["count"] = Paginator.count.func(self)


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
