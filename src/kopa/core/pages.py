"""Pagination shared by every public list."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.KOPA_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
