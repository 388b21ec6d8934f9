"""The page a signed-in user lands on: what they coordinate and what they take part in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import queries


@login_required
def dashboard(request):
    person = getattr(request.user, "person", None)
    context = {"person": person, "coordinator": None, "participant": None}
    if queries.is_coordinator(request.user):
        context["coordinator"] = queries.coordinator_dashboard(request.user)
    if person is not None:
        context["participant"] = queries.participant_dashboard(person)
    return render(request, "workspace/dashboard.html", context)
