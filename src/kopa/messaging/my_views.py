"""A person's own mail: every message Kopā has sent (or could not send) to them, newest first, its text, and
their own switch for non-essential mail (organisers' mailings, survey reminders)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kopa.core.pages import paginate

from . import services
from .kinds import KINDS
from .models import Message


def _person(user):
    from kopa.directory.models import Person

    return Person.objects.filter(user=user).first()


def _mine(user, person):
    """Messages addressed to the user's account or to the directory entry linked to it."""
    mine = Q(user=user)
    if person is not None:
        mine |= Q(person=person)
    return Message.objects.filter(mine)


def _label(code: str) -> str:
    return KINDS[code].label if code in KINDS else code


@login_required
def my_mail(request):
    person = _person(request.user)
    if request.method == "POST" and person is not None:
        opted_out = request.POST.get("opt_out") == "1"
        services.opt_out(person=person, opted_out=opted_out, by=request.user)
        messages.success(request, _("Done: you will no longer receive mailings and survey reminders. Messages "
                                    "about your own registrations still reach you.") if opted_out else
                         _("Done: you will receive mailings and survey reminders again."))
        return redirect("messaging:mine")
    rows = _mine(request.user, person).only(
        "pk", "kind", "subject", "state", "created_at", "sent_at").order_by("-created_at", "-pk")
    page = paginate(request, rows)
    for message in page.object_list:
        message.kind_label = _label(message.kind)
    return render(request, "messaging/my_mail.html", {"page": page, "person": person})


@login_required
def my_message(request, pk):
    message = get_object_or_404(_mine(request.user, _person(request.user)), pk=pk)
    message.kind_label = _label(message.kind)
    return render(request, "messaging/my_message.html", {"message": message})
