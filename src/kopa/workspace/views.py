"""The page a signed-in user lands on: what they coordinate and what they take part in."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kopa.core.pages import paginate

from . import queries

# Each list of "my work" on a page of its own, with its heading there.
HEADINGS = {
    "coming": _("My coming activities"),
    "past": _("My past activities"),
    "expiring": _("Seat offers about to expire (within 24 hours)"),
    "to_confirm": _("Registrations to confirm"),
    "not_closed": _("Activities held but not closed"),
    "no_article": _("Held activities with no article"),
}


@login_required
def dashboard(request):
    person = getattr(request.user, "person", None)
    context = {"person": person, "coordinator": None, "participant": None}
    if queries.is_coordinator(request.user):
        context["coordinator"] = queries.coordinator_dashboard(request.user)
    if person is not None:
        context["participant"] = queries.participant_dashboard(person)
    return render(request, "workspace/dashboard.html", context)


@login_required
def activities(request, name):
    """One list of "my work" whole, a page at a time."""
    if name not in HEADINGS:
        raise Http404
    if not queries.is_coordinator(request.user):
        raise PermissionDenied
    page = paginate(request, queries.activity_lists(request.user)[name])
    page.object_list = queries.with_seats(list(page.object_list))
    return render(request, "workspace/activities.html", {"page": page, "name": name, "heading": HEADINGS[name]})


@login_required
def projects(request):
    if not queries.is_coordinator(request.user):
        raise PermissionDenied
    return render(request, "workspace/projects.html", {"page": paginate(request, queries.my_projects(request.user))})


@login_required
def articles_in_review(request):
    if not queries.is_coordinator(request.user):
        raise PermissionDenied
    return render(request, "workspace/articles.html",
                  {"page": paginate(request, queries.articles_in_review(request.user))})
