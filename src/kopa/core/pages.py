"""Pagination shared by every public list, and the way a button press runs its service call."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.KOPA_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


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
