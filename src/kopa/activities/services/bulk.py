"""What an organiser does to many ticked registrations at once: all of them or none.

Each registration goes through the same service as a single button press (confirm, cancel, check-in), all in one
transaction: when one is refused, the error names that person and why, and nothing of the batch is kept.
Moving people to another session or parallel group is its own service here, under the same row lock as every
sign-up, so the target's seats and quotas hold. What the single steps tell people (confirmed, cancelled, a seat
offered) is stored in one insert at the end of the batch (notices.together), one message per person."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require

from .. import notices
from ..models import Activity, Breakout, Registration, Session
from .registration import (
    _expire_offers,
    _lock,
    _no_seat_message,
    _offer_free_seats,
    _registration_still_runs,
    _room_for,
    cancel,
    check_in,
    confirm,
)

Status = Registration.Status
# "Leave as it is" for move(): None already means "no session" / "no group".
KEEP = object()


class RefusedFor(DomainError):
    """One registration of a batch was refused: the message says whose and why."""

    def __init__(self, registration: Registration, error: DomainError):
        super().__init__(_("%(person)s: %(reason)s") % {"person": registration.person, "reason": error.message},
                         field=error.field, code=error.code)
        self.registration = registration


def _of_activity(activity: Activity, registrations) -> list[Registration]:
    ids = {r.pk if isinstance(r, Registration) else int(r) for r in registrations}
    if not ids:
        raise DomainError(_("Tick at least one registration."), code="empty")
    rows = list(Registration.objects.filter(activity=activity, pk__in=ids).select_related(
        "person", "organisation", "breakout", "session").order_by("created_at", "pk"))
    if len(rows) != len(ids):
        raise DomainError(_("Some of the ticked registrations do not belong to this activity."), code="invalid")
    return rows


def _each(activity: Activity, registrations, call, by, *, organisers_only: bool = True) -> list[Registration]:
    if organisers_only:
        require(by, "activities.manage_registrations", activity)
    done = []
    for registration in _of_activity(activity, registrations):
        try:
            done.append(call(registration))
        except DomainError as error:
            if error.code == "permission":
                raise
            raise RefusedFor(registration, error) from error
    return done


@audited
def confirm_many(*, activity: Activity, registrations, by) -> list[Registration]:
    """Give each ticked waiting person a seat (or confirm an offered one); capacity and quotas still hold."""
    with notices.together():
        return _each(activity, registrations, lambda r: confirm(registration=r, by=by), by)


@audited
def cancel_many(*, activity: Activity, registrations, by, now: datetime | None = None) -> list[Registration]:
    """Cancel each ticked registration; the seats they free go to the waiting list as after any cancellation.
    Who may cancel is the single cancellation's rule (a partner coordinator: their own staff)."""
    with notices.together():
        return _each(activity, registrations, lambda r: cancel(registration=r, by=by, now=now), by,
                     organisers_only=False)


@audited
def check_in_many(*, activity: Activity, registrations, by, now: datetime | None = None) -> list[Registration]:
    """Mark each ticked person as attended (the check-in rules of time apply as for one)."""
    with notices.together():
        return _each(activity, registrations, lambda r: check_in(registration=r, by=by, now=now), by)


@audited
def move(*, activity: Activity, registrations, by, session: Session | None = KEEP, breakout: Breakout | None = KEEP,
         now: datetime | None = None) -> list[Registration]:
    """Move the ticked registrations to another session (None: the whole activity) and/or parallel group (None: no
    group). A seat moves with its holder only where the target has room (its seats and the organisation's quota);
    someone waiting keeps their place in the queue and waits for the target instead. Seats freed in the old place
    are offered to the waiting list."""
    now = now or timezone.now()
    activity = _lock(activity)  # the same lock as every sign-up: the counts below stay true until we commit
    require(by, "activities.manage_registrations", activity)
    _registration_still_runs(activity)
    if session is KEEP and breakout is KEEP:
        raise DomainError(_("Choose where to move them."), field="target", code="required")
    if session not in (KEEP, None) and session.activity_id != activity.pk:
        raise DomainError(_("That session belongs to another activity."), field="target", code="invalid")
    if breakout not in (KEEP, None) and breakout.activity_id != activity.pk:
        raise DomainError(_("That group belongs to another activity."), field="target", code="invalid")
    _expire_offers(activity, now)
    moved = []
    for registration in _of_activity(activity, registrations):
        # of=("self",): PostgreSQL cannot lock the nullable side of the joins (group, session).
        registration = Registration.objects.select_for_update(of=("self",)).select_related(
            "person", "organisation", "breakout", "session").get(pk=registration.pk)
        try:
            moved.append(_move_one(activity, registration, session, breakout))
        except DomainError as error:
            raise RefusedFor(registration, error) from error
    _offer_free_seats(activity, now)
    return moved


def _move_one(activity: Activity, registration: Registration, session, breakout) -> Registration:
    if registration.status not in (Status.CONFIRMED, Status.PENDING, Status.WAITLISTED):
        raise DomainError(_("Only a registration still to come can be moved."), code="state")
    target_session = registration.session if session is KEEP else session
    target_breakout = registration.breakout if breakout is KEEP else breakout
    if (target_session, target_breakout) == (registration.session, registration.breakout):
        return registration  # already there
    if target_session != registration.session and Registration.objects.filter(
            activity=activity, person_id=registration.person_id, session=target_session).exclude(
            status=Status.CANCELLED).exclude(pk=registration.pk).exists():
        raise DomainError(_("Already registered there."), code="duplicate")
    status = registration.status
    if status in Registration.SEATED:
        # The seat held now is let go first, so the target is asked for room without counting this person twice.
        Registration.objects.filter(pk=registration.pk).update(status=Status.WAITLISTED)
        reason = _room_for(activity, registration.organisation_id, target_breakout, target_session)
        if reason:
            raise DomainError(_no_seat_message(reason, registration.organisation), code=reason)
    # Written as an update, not a save: the audit's watch would read the seat let go above as the old status.
    Registration.objects.filter(pk=registration.pk).update(session=target_session, breakout=target_breakout,
                                                           status=status)
    changes = {name: {"old": getattr(registration, name), "new": getattr(target, "pk", None)}
               for name, target in (("session_id", target_session), ("breakout_id", target_breakout))
               if getattr(registration, name) != getattr(target, "pk", None)}
    log_action(registration, "activities.move", changes=changes)
    registration.session, registration.breakout, registration.status = target_session, target_breakout, status
    return registration
