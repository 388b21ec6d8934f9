"""The list of activity kinds, where a coordinator adds one the texts need."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .form_calls import save as _save
from .forms import KindForm
from .models import ActivityKind, kinds


def kind_list(request):
    may_add = request.user.is_authenticated and request.user.has_perm("activities.add_addedkind")
    form = KindForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid() and _save(form, lambda **data: services.add_kind(by=request.user, **data)):
            messages.success(request, _("The kind has been added."))
            return redirect("activities:kinds")
    added = kinds.added_kinds(fresh=True)
    rows = [{"code": code, "label": label, "added": added.get(code)} for code, label in kinds.choices()]
    return render(request, "activities/kinds.html", {
        "rows": rows, "form": form, "built_in": set(ActivityKind.values)})
