from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import act

from . import services
from .forms import CiteForm
from .models import Citation
from .permissions import may_change_record
from .queries import sources_of
from .records import citable_content_type, label_of, record_of


def _record_or_none(label, object_id):
    try:
        return record_of(citable_content_type(label), object_id)
    except DomainError:
        return None


def _back(record) -> str | None:
    return record.get_absolute_url() if hasattr(record, "get_absolute_url") else None


@login_required
def cite(request, label, object_id):
    """The organiser page of a record's sources: those cited, and a form to describe and cite one more."""
    record = _record_or_none(label, object_id)
    if record is None:
        return render(request, "core/not_found.html", status=404)
    if not may_change_record(request.user, record):
        raise PermissionDenied
    form = CiteForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            _citation, added = services.add_and_cite(record=record, by=request.user, **form.arguments())
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            attach_to_form(form, error)
        else:
            messages.success(request, _("The source has been added and cited.") if added
                             else _("This source was recorded already; it is now cited."))
            return redirect(request.path)
    return render(request, "sources/cite.html", {
        "record": record, "form": form, "found": sources_of(record),
        "back_url": _back(record),
    })


@login_required
@require_POST
def uncite(request, pk):
    citation = get_object_or_404(Citation.objects.select_related("content_type"), pk=pk)
    target = reverse("sources:cite", args=[label_of(citation.content_type), citation.object_id])
    act(request, lambda: services.uncite(citation=citation, by=request.user), done=_("The citation has been removed."))
    return redirect(target)
