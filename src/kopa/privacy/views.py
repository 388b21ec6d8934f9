"""My data (a person's own, or anyone's for an administrator), as a page and as JSON; erasure, for administrators."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError
from kopa.directory.models import Person

from . import permissions, queries, services


def _export(request, person):
    data = queries.personal_data(person)
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kopa-personal-data-{person.pk}.json"'
    else:
        response = render(request, "privacy/personal_data.html", {"person": person, "data": data,
                                                                   "own": person.user_id == request.user.pk})
    response["Cache-Control"] = "no-store"  # also set by PersonalDataNotCached; this page is nothing else
    return response


@login_required
def my_data(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404(_("Your account is not linked to a person in the directory."))
    return _export(request, person)


@login_required
def person_data(request, pk):
    person = get_object_or_404(Person, pk=pk)
    # 404 rather than 403: whether a person is in the directory is itself not for everyone.
    if not permissions.may_manage_data(request.user, person):
        raise Http404
    return _export(request, person)


@login_required
def erase(request, pk):
    person = get_object_or_404(Person, pk=pk)
    if not permissions.may_erase(request.user):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.erase_person(person=person, by=request.user, reason=request.POST.get("reason", ""))
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("The person's data was erased; what they took part in still counts."))
            return redirect("privacy:person", pk=person.pk)
    response = render(request, "privacy/erase.html", {"person": person, "error": error}, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    return response
