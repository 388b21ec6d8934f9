"""The link in a "seat offered" e-mail: the person sees the offer and takes the seat with one button (a GET only
shows it, so a mail program that opens links ahead does not accept for them). The link itself is the
authority: it holds the registration's secret token."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from kopa.core.errors import DomainError

from . import services
from .models import Registration


@require_http_methods(["GET", "POST"])
def accept_offer(request, token):
    registration = get_object_or_404(Registration.objects.select_related("activity", "person"), token=token)
    error, accepted = "", False
    if request.method == "POST":
        try:
            registration = services.accept_offer(registration=registration, by=None)
            accepted = True
        except DomainError as refusal:
            error = str(refusal)
    return render(request, "activities/accept_offer.html", {
        "registration": registration, "activity": registration.activity, "accepted": accepted, "error": error,
        "pending": registration.status == Registration.Status.PENDING})
