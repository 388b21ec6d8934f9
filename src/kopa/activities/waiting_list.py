"""The order in which the waiting list is offered freed seats: who signed up first. One place, so the service that
offers seats and the organiser's list that numbers the queue can never disagree."""

from collections.abc import Callable, Iterator

from django.db.models import Q, QuerySet

from .models import Activity, Registration

# First come, first offered; the primary key breaks ties between sign-ups in the same instant.
OFFER_ORDER = ("created_at", "pk")
# How many waiting people are read at a time when seats are offered.
CHUNK = 100


def waiting_list(activity: Activity) -> QuerySet:
    """The waiting registrations of `activity`, in the order seats are offered to them."""
    return Registration.objects.filter(activity=activity, status=Registration.Status.WAITLISTED).order_by(
        *OFFER_ORDER)


def in_turn(activity: Activity, who_may_have_room: Callable[[], Q], chunk: int = CHUNK) -> Iterator[Registration]:
    """The waiting list in offer order (with each one's group and session), read a chunk at a time and each chunk
    only of those `who_may_have_room()` says may still get a seat as the seats stand then. A sign-up on a full
    activity with a thousand people waiting so reads none of them, rather than all of them, under the row lock.
    The chunks follow one another by the offer order itself (created_at, pk), so nobody is read twice or skipped
    when those before them are offered a seat meanwhile."""
    last = None
    while True:
        rows = waiting_list(activity).filter(who_may_have_room()).select_related("breakout", "session")
        if last is not None:
            rows = rows.filter(Q(created_at__gt=last.created_at) | Q(created_at=last.created_at, pk__gt=last.pk))
        rows = list(rows[:chunk])
        yield from rows
        if len(rows) < chunk:
            return
        last = rows[-1]
