"""The order in which the waiting list is offered freed seats: who signed up first. One place, so the service that
offers seats and the organiser's list that numbers the queue can never disagree."""

from django.db.models import QuerySet

from .models import Activity, Registration

# First come, first offered; the primary key breaks ties between sign-ups in the same instant.
OFFER_ORDER = ("created_at", "pk")


def waiting_list(activity: Activity) -> QuerySet:
    """The waiting registrations of `activity`, in the order seats are offered to them."""
    return Registration.objects.filter(activity=activity, status=Registration.Status.WAITLISTED).order_by(
        *OFFER_ORDER)
