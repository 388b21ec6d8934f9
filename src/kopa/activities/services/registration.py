"""Registration, waiting list, offers, check-in and closing. Counts are checked under a row lock on the
activity, so capacity and quotas are never oversold, also when many people sign up at once."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, is_administrator
from kopa.audit import audited, log_action
from kopa.core.dates import day_is_known
from kopa.core.errors import DomainError, PermissionDenied, require
from kopa.directory.models import Organisation, Person, Position

from .. import notices
from ..models import Activity, Breakout, Quota, Registration, Session
from ..status import check_in_is_open, check_in_opens, has_taken_place
from ..waiting_list import in_turn

Status = Registration.Status


def _lock(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _seated(activity: Activity):
    return Registration.objects.filter(activity=activity, status__in=Registration.SEATED)


class _Seats:
    """The seats taken in one activity (overall, per organisation, per group, per session), counted in one query
    and then kept up to date in memory as seats are given. Why: a sign-up used to re-count them for every person
    waiting, a few queries each for everyone of an organisation over its quota (820 queries for one sign-up at 400
    such people), all under the row lock every sign-up of the activity waits for. Read only under that lock
    (`_lock`), so the counts stay true until the transaction commits. `room_for` is the rule itself: capacity, then
    the organisation's quota, then the group's seats and the organisation's quota in it; where sessions are
    separate events, only the session's own seats."""

    def __init__(self, activity: Activity):
        self.activity = activity
        self.overall = 0  # seats outside the sessions (these count against capacity and quotas)
        self.by_organisation: Counter = Counter()
        self.by_breakout: Counter = Counter()
        self.by_breakout_organisation: Counter = Counter()
        self.by_session: Counter = Counter()
        # Seats of the groups and sessions that hold any (the rest are read with each candidate's own row).
        self.breakout_capacity: dict[int, int | None] = {}
        self.session_capacity: dict[int, int | None] = {}
        rows = _seated(activity).order_by().values(
            "session_id", "session__capacity", "breakout_id", "breakout__capacity", "organisation_id",
        ).annotate(seats=Count("pk"))
        for row in rows:
            if row["session_id"] is not None:
                self.by_session[row["session_id"]] += row["seats"]
                self.session_capacity[row["session_id"]] = row["session__capacity"]
                continue
            self.overall += row["seats"]
            self.by_organisation[row["organisation_id"]] += row["seats"]
            if row["breakout_id"] is not None:
                self.by_breakout[row["breakout_id"]] += row["seats"]
                self.by_breakout_organisation[row["breakout_id"], row["organisation_id"]] += row["seats"]
                self.breakout_capacity[row["breakout_id"]] = row["breakout__capacity"]
        quotas = Quota.objects.filter(activity=activity).values_list("organisation_id", "breakout_id", "seats")
        self.quotas = {(organisation, breakout_id): seats for organisation, breakout_id, seats in quotas}

    def quota_for(self, organisation_id: int, breakout_id: int | None) -> int | None:
        if (organisation_id, breakout_id) in self.quotas:
            return self.quotas[organisation_id, breakout_id]
        return self.activity.quota_per_organisation if breakout_id is None else None

    def full(self) -> bool:
        return self.activity.capacity is not None and self.overall >= self.activity.capacity

    def quota_used_up(self, organisation_id: int) -> bool:
        quota = self.quota_for(organisation_id, None)
        return quota is not None and self.by_organisation[organisation_id] >= quota

    def room_for(self, organisation_id: int, breakout: Breakout | None, session: Session | None = None) -> str | None:
        if session is not None:
            if session.capacity is not None and self.by_session[session.pk] >= session.capacity:
                return "session"
            return None
        if self.full():
            return "capacity"
        if self.quota_used_up(organisation_id):
            return "quota"
        if breakout is not None:
            if breakout.capacity is not None and self.by_breakout[breakout.pk] >= breakout.capacity:
                return "breakout"
            quota = self.quota_for(organisation_id, breakout.pk)
            if quota is not None and self.by_breakout_organisation[breakout.pk, organisation_id] >= quota:
                return "quota"
        return None

    def take(self, registration: Registration) -> None:
        """This registration now holds a seat (it was just saved so)."""
        if registration.session_id is not None:
            self.by_session[registration.session_id] += 1
            return
        self.overall += 1
        self.by_organisation[registration.organisation_id] += 1
        if registration.breakout_id is not None:
            self.by_breakout[registration.breakout_id] += 1
            self.by_breakout_organisation[registration.breakout_id, registration.organisation_id] += 1

    def who_may_have_room(self) -> Q:
        """Those waiting who could still get a seat as the counts stand: who waits for the whole activity while it
        has seats, leaving out the organisations over their quota and the full groups, and who waits for a session
        not full. It only narrows the read of the waiting list; `room_for` still decides each candidate."""
        may = Q(session__isnull=False) & ~Q(session_id__in=[
            pk for pk, capacity in self.session_capacity.items()
            if capacity is not None and self.by_session[pk] >= capacity])
        if not self.full():
            organisations = set(self.by_organisation) | {organisation for organisation, _ in self.quotas}
            whole = Q(session__isnull=True) & ~Q(organisation_id__in=[
                organisation for organisation in organisations if self.quota_used_up(organisation)])
            whole &= ~Q(breakout_id__in=[pk for pk, capacity in self.breakout_capacity.items()
                                         if capacity is not None and self.by_breakout[pk] >= capacity])
            for (organisation, breakout_id), quota in self.quotas.items():
                if breakout_id is not None and self.by_breakout_organisation[breakout_id, organisation] >= quota:
                    whole &= ~Q(breakout_id=breakout_id, organisation_id=organisation)
            may |= whole
        return may


def _room_for(activity: Activity, organisation_id: int, breakout: Breakout | None,
              session: Session | None = None) -> str | None:
    """Why there is no seat for this organisation (a reason code), or None when there is one.

    Where the sessions of an activity are separate events, each session has its own seats."""
    return _Seats(activity).room_for(organisation_id, breakout, session)


def _registration_still_runs(activity: Activity) -> None:
    """After the event, who had a seat and who came is the record: it no longer changes by sign-ups."""
    if activity.status in (Activity.Status.HELD, Activity.Status.CLOSED):
        raise DomainError(_("The activity has taken place; registrations can no longer change."), code="held")


def _not_cancelled(activity: Activity) -> None:
    """Nobody attends an activity that was called off: no check-in, no attendance, no closing."""
    if activity.status == Activity.Status.CANCELLED:
        raise DomainError(_("The activity has been cancelled."), code="cancelled")


def _fresh(registration: Registration, activity: Activity) -> Registration:
    """The registration's row, locked, with the locked activity and the person already read (a bulk action
    passes rows that carry them, so telling the person costs no query)."""
    fresh = Registration.objects.select_for_update().get(pk=registration.pk)
    fresh.activity = activity
    if Registration.person.is_cached(registration) and registration.person_id == fresh.person_id:
        fresh.person = registration.person
    return fresh


def _tell_if_seats_used_up(activity: Activity, registration: Registration, seats: _Seats | None = None) -> None:
    """Called once this registration holds a seat (and `seats`, if given, counts it): if it was the last of its
    organisation's quota, or of the whole activity, the organisers hear of it (notices.seats_used_up; once each).
    Where sessions are separate events, a session's seats are its own and nobody is told."""
    if registration.sample or registration.session_id is not None:
        return
    seats = seats or _Seats(activity)
    notices.seats_used_up(registration, quota=seats.quota_used_up(registration.organisation_id), full=seats.full())


def _no_seat_message(reason: str, organisation: Organisation) -> str:
    if reason == "quota":
        return _("%(organisation)s has used all the seats of its quota.") % {"organisation": organisation}
    if reason == "breakout":
        return _("This group has no free seats.")
    if reason == "session":
        return _("This session has no free seats.")
    return _("The activity has no free seats.")


def _day_of(activity: Activity, now: datetime) -> date:
    """The day whose positions count: the activity's own for a past one (people keep the post they held then),
    today for one still to come."""
    today = timezone.localdate(now)
    return activity.start_date if activity.start_date and activity.start_date < today else today


def _position_at(person: Person, day: date, organisation: Organisation | None = None) -> Position | None:
    positions = person.positions.select_related("organisation").order_by("-start_date", "-pk")
    if organisation is not None:
        positions = positions.filter(organisation=organisation)
    held = [p for p in positions if (p.start_date is None or p.start_date <= day)
            and (p.end_date is None or p.end_date >= day)]
    return held[0] if held else None


def _current_organisation(person: Person, day: date | None = None) -> Organisation | None:
    position = _position_at(person, day or timezone.localdate())
    return position.organisation if position else None


def _default_check_in(activity: Activity, now: datetime) -> datetime | None:
    """Attendance recorded after the event is dated on the event's day, not on the day someone typed it in.
    The hour is not known: nine in the morning. Where the day itself is not known, no time is invented."""
    if not has_taken_place(activity, timezone.localdate(now)):
        return now
    if not day_is_known(activity):
        return None
    return timezone.make_aware(datetime.combine(activity.start_date, time(9, 0)))


def _may_register(by, person: Person, organisation: Organisation, activity: Activity) -> bool:
    if by is None or is_administrator(by) or by.has_perm("activities.manage_registrations", activity):
        return True
    if getattr(by, "person", None) is not None and by.person.pk == person.pk:
        return True
    # A partner coordinator registers the staff of their own organisation only.
    works_there = person.positions.filter(organisation=organisation).exists()
    return works_there and organisation.pk in coordinated_organisation_ids(by)


def _adds_latecomers(by, activity: Activity) -> bool:
    """The organiser (not a participant, not a partner coordinator) may register people after the deadline; the
    system (by=None: imports, the demo) keeps to the deadline like a sign-up."""
    return by is not None and (is_administrator(by) or by.has_perm("activities.manage_registrations", activity))


def _check_in_has_begun(activity: Activity, session: Session | None, at: datetime | None, now: datetime) -> None:
    """Nobody is checked in before the activity (or its session) begins: refused, whoever asks. Recording
    afterwards who came to a past activity is not affected (its first day is long past)."""
    today = timezone.localdate(now)
    if check_in_is_open(activity, session, today) and (at is None or check_in_is_open(
            activity, session, timezone.localdate(at))):
        return
    opens = check_in_opens(activity, session)
    if opens is None:
        raise DomainError(_("The activity has no date yet; people can be checked in once it is recorded as held."),
                          code="too_early")
    raise DomainError(_("It is too early to check in: check-in opens on %(day)s.") % {
        "day": date_format(opens, "SHORT_DATE_FORMAT")}, code="too_early")


def _expire_offers(activity: Activity, now: datetime) -> None:
    """Seats offered and not taken up in time pass to the next person on the waiting list."""
    expired = list(Registration.objects.filter(activity=activity, status=Status.PENDING, offer_expires_at__lt=now))
    for registration in expired:
        registration.status = Status.CANCELLED  # offer_expires_at stays: it tells why
        registration.save(update_fields=["status"])
        notices.offer_expired(registration)
    if expired:
        _offer_free_seats(activity, now)


def _offer_free_seats(activity: Activity, now: datetime, seats: _Seats | None = None) -> list[Registration]:
    """Offer each free seat to the first person on the waiting list whose organisation (and group) has room.

    The seats are counted once (or the caller's count, kept up to date, is used) and the waiting list is read in
    chunks, each only of those who may still have room: a full activity, or an organisation over its quota, costs
    no query per person waiting, so the work under the row lock stays a fixed number of queries."""
    if activity.status not in (Activity.Status.OPEN, Activity.Status.PLANNED):
        return []  # once the activity has been held, a seat is of no use to anyone
    seats = seats or _Seats(activity)
    offered = []
    for candidate in in_turn(activity, seats.who_may_have_room):
        # "capacity": the whole activity is full; someone waiting for one session may still have a seat.
        if seats.room_for(candidate.organisation_id, candidate.breakout, candidate.session) is None:
            candidate.status = Status.PENDING
            candidate.offer_expires_at = now + timedelta(hours=activity.offer_hours)
            candidate.save(update_fields=["status", "offer_expires_at"])
            seats.take(candidate)
            notices.seat_offered(candidate)
            offered.append(candidate)
    return offered


@audited
def register(
    *,
    activity: Activity,
    person: Person,
    by=None,
    organisation: Organisation | None = None,
    breakout: Breakout | None = None,
    session: Session | None = None,
    waitlist: bool = True,
    now: datetime | None = None,
    sample: bool = False,
    position: Position | None = None,
) -> Registration:
    """Sign a person up: a confirmed seat if capacity and the organisation's quota allow, else the waiting list.

    With waitlist=False (a coordinator asking for a seat now) a full activity or quota is refused instead.
    """
    now = now or timezone.now()
    activity = _lock(activity)  # every sign-up for this activity waits here: the counts below stay true
    if position is not None:
        if position.person_id != person.pk:
            raise DomainError(_("That position belongs to someone else."), field="position", code="invalid")
        organisation = organisation or position.organisation
    organisation = organisation or _current_organisation(person, _day_of(activity, now))
    if organisation is None:
        raise DomainError(
            _("%(person)s has no current position in an organisation.") % {"person": person},
            field="person",
            code="no_organisation",
        )
    if not _may_register(by, person, organisation, activity):
        raise PermissionDenied(
            _("You may register only yourself or the staff of your own organisation."), code="permission"
        )
    if activity.status != Activity.Status.OPEN:
        raise DomainError(_("Registration for this activity is not open."), code="not_open")
    if activity.registration_deadline and now > activity.registration_deadline and not _adds_latecomers(by, activity):
        # Past the deadline people no longer sign themselves up; the organiser still adds latecomers.
        raise DomainError(_("The registration deadline has passed."), code="deadline")
    if breakout is not None and breakout.activity_id != activity.pk:
        raise DomainError(_("That group belongs to another activity."), field="breakout", code="invalid")
    if session is not None and session.activity_id != activity.pk:
        raise DomainError(_("That session belongs to another activity."), field="session", code="invalid")
    if Registration.objects.filter(activity=activity, person=person, session=session).exclude(
            status=Status.CANCELLED).exists():
        raise DomainError(_("%(person)s is already registered.") % {"person": person}, field="person", code="duplicate")
    _expire_offers(activity, now)
    seats = _Seats(activity)  # counted once; the offers below and this sign-up's own seat keep it up to date
    _offer_free_seats(activity, now, seats)  # those already waiting come first
    reason = seats.room_for(organisation.pk, breakout, session)
    if reason and not waitlist:
        raise DomainError(_no_seat_message(reason, organisation), code=reason)
    position = position or _position_at(person, _day_of(activity, now), organisation) or (
        person.positions.filter(organisation=organisation).order_by("-start_date").first())
    registration = Registration.objects.create(
        activity=activity,
        person=person,
        organisation=organisation,
        position=position,
        breakout=breakout,
        session=session,
        status=Status.WAITLISTED if reason else Status.CONFIRMED,
        registered_by=by,
        sample=sample,
    )
    if not sample:  # (the demo's generated participants are not told anything)
        notices.registration_recorded(registration)
        if registration.status in Registration.SEATED:
            seats.take(registration)
            _tell_if_seats_used_up(activity, registration, seats)
    return registration


@audited
def cancel(*, registration: Registration, by=None, now: datetime | None = None) -> Registration:
    """Cancel; a seat it held is offered at once to the first eligible person on the waiting list."""
    now = now or timezone.now()
    activity = _lock(registration.activity)
    registration = _fresh(registration, activity)
    if not _may_register(by, registration.person, registration.organisation, activity):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    _registration_still_runs(activity)
    if registration.status in (Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW):
        raise DomainError(_("This registration can no longer be cancelled."), code="state")
    held_seat = registration.status in Registration.SEATED
    registration.status = Status.CANCELLED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at"])
    notices.registration_changed(registration, "registration_cancelled")
    if held_seat and activity.status in (Activity.Status.OPEN, Activity.Status.PLANNED):
        _offer_free_seats(activity, now)
    return registration


@audited(atomic=False)  # the offers that expired stay passed on when the acceptance is refused
def accept_offer(*, registration: Registration, by=None, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    # Expired offers pass on in their own transaction: the refusal below must not undo that.
    expire_offers(activity=registration.activity, now=now)
    with transaction.atomic():
        activity = _lock(registration.activity)
        registration = _fresh(registration, activity)
        if not _may_register(by, registration.person, registration.organisation, activity):
            raise PermissionDenied(_("You do not have permission to do this."), code="permission")
        _registration_still_runs(activity)
        if registration.status != Status.PENDING:
            if registration.offer_expires_at and registration.offer_expires_at < now:
                raise DomainError(
                    _("The offer has expired; the seat went to the next person on the waiting list."), code="expired"
                )
            raise DomainError(_("No seat is being offered to this registration."), code="state")
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        notices.registration_changed(registration, "registration_confirmed")
        return registration


@audited(quiet=True)  # run before every acceptance of an offer; usually nothing has expired
def expire_offers(*, activity: Activity, now: datetime | None = None) -> None:
    _expire_offers(_lock(activity), now or timezone.now())


@audited(atomic=False, quiet=True)
def expire_all_offers(now: datetime | None = None) -> int:
    """Every activity's expired offers passed on (each activity in its own transaction); returns how many
    activities had some. Run by `kopa expire_offers` and `kopa run_scheduled`."""
    now = now or timezone.now()
    activities = list(Activity.objects.filter(
        registrations__status=Status.PENDING, registrations__offer_expires_at__lt=now).distinct())
    for activity in activities:
        with transaction.atomic():  # (not expire_offers: its entries would be its own, not this sweep's)
            _expire_offers(_lock(activity), now)
    return len(activities)


@audited
def confirm(*, registration: Registration, by=None) -> Registration:
    """An organiser gives a waiting person a seat by hand; capacity and quota still hold."""
    activity = _lock(registration.activity)
    require(by, "activities.manage_registrations", activity)
    registration = _fresh(registration, activity)
    _registration_still_runs(activity)
    if registration.status not in (Status.WAITLISTED, Status.PENDING):
        raise DomainError(_("Only a waiting registration can be confirmed."), code="state")
    if registration.status == Status.WAITLISTED:
        reason = _room_for(activity, registration.organisation_id, registration.breakout)
        if reason:
            raise DomainError(_no_seat_message(reason, registration.organisation), code=reason)
    was_waiting = registration.status == Status.WAITLISTED  # (a pending one held its seat already)
    registration.status = Status.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at"])
    notices.registration_changed(registration, "registration_confirmed")
    if was_waiting:
        _tell_if_seats_used_up(activity, registration)
    return registration


# Check-in and closing ------------------------------------------------------------------------------------


@audited
def check_in(*, registration: Registration, by=None, at: datetime | None = None,
             now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    activity = _lock(registration.activity)
    require(by, "activities.manage_registrations", activity)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if activity.status == Activity.Status.CLOSED:
        raise DomainError(_("The activity is closed; attendance can no longer change."), code="closed")
    _not_cancelled(activity)
    if registration.status not in (Status.CONFIRMED, Status.PENDING, Status.NO_SHOW, Status.ATTENDED):
        raise DomainError(_("Only a person with a seat can be checked in."), code="state")
    _check_in_has_begun(activity, registration.session, at, now)
    registration.status = Status.ATTENDED
    registration.checked_in_at = registration.checked_in_at or at or _default_check_in(activity, now)
    registration.save(update_fields=["status", "checked_in_at"])
    # Told at once where the activity (their session) is over; else when its last day comes (send_certificates).
    notices.certificates_ready(activity, ids=[registration.pk], today=timezone.localdate(now))
    return registration


@audited
def check_in_by_token(*, activity: Activity, token, by=None, now: datetime | None = None) -> Registration:
    registration = Registration.objects.filter(activity=activity, token=token).first()
    if registration is None:
        raise DomainError(_("This code belongs to no registration of this activity."), code="unknown")
    return check_in(registration=registration, by=by, now=now)


@audited
def mark_attendance(*, activity: Activity, attended_ids: set[int], by=None, at: datetime | None = None,
                    now: datetime | None = None) -> int:
    """Bulk marking from a returned sign-in sheet: the ticked registrations attended; returns how many."""
    activity = _lock(activity)
    require(by, "activities.manage_registrations", activity)
    if activity.status == Activity.Status.CLOSED:
        raise DomainError(_("The activity is closed; attendance can no longer change."), code="closed")
    _not_cancelled(activity)
    rows = Registration.objects.filter(activity=activity, pk__in=attended_ids)
    if rows.count() != len(set(attended_ids)):
        raise DomainError(_("Some of the marked registrations do not belong to this activity."), code="invalid")
    if rows.exclude(status__in=(Status.CONFIRMED, Status.PENDING, Status.NO_SHOW, Status.ATTENDED)).exists():
        raise DomainError(_("Only a person with a seat can be checked in."), code="state")
    marked = list(rows.select_related("session"))
    sessions = {r.session for r in marked} or {None}
    for session in sessions:
        _check_in_has_begun(activity, session, at, now or timezone.now())
    at = at or _default_check_in(activity, now or timezone.now())
    changed = rows.exclude(status=Status.ATTENDED).update(status=Status.ATTENDED, checked_in_at=at)
    # An update is not seen by the audit's watch on saves: say what it did. The rows read above are still current
    # (every change of a registration waits for the activity's lock, held here).
    for registration in marked:
        if registration.status != Status.ATTENDED:
            log_action(registration, "activities.mark_attendance", changes={
                "status": {"old": registration.status, "new": Status.ATTENDED},
                "checked_in_at": {"old": registration.checked_in_at, "new": at}})
    notices.certificates_ready(activity, ids=attended_ids, today=timezone.localdate(now or timezone.now()))
    return changed


@audited
def close_activity(*, activity: Activity, by=None, minutes: dict[str, str] | None = None,
                   minutes_public: bool = False) -> Activity:
    """The activity took place and its record is complete: who did not come is recorded as such. The minutes stay
    private (organisers only) unless `minutes_public` says they are published."""
    activity = _lock(activity)
    require(by, "activities.change_activity", activity)
    if activity.status == Activity.Status.CLOSED:
        raise DomainError(_("The activity is already closed."), code="state")
    _not_cancelled(activity)
    if activity.start_date > timezone.localdate():
        raise DomainError(_("An activity can be closed only once it has started."), code="future")
    absent = Registration.objects.filter(activity=activity, status=Status.CONFIRMED).update(status=Status.NO_SHOW)
    # A seat offered and never taken, or a place on the waiting list, was not a seat: no "did not come".
    ended = Registration.objects.filter(activity=activity, status__in=(Status.PENDING, Status.WAITLISTED)).update(
        status=Status.CANCELLED, offer_expires_at=None
    )
    if absent or ended:  # updates are not seen by the audit's watch on saves: say what they did
        log_action(activity, "activities.close_activity",
                   note=f"{absent} confirmed registrations recorded as no-shows, {ended} offered or waiting cancelled")
    for language, text in (minutes or {}).items():
        setattr(activity, f"minutes_{language}", text)
    activity.minutes_public = minutes_public
    activity.status = Activity.Status.CLOSED
    activity.closed_at = timezone.now()
    activity.save()  # (its feedback questionnaires go out from kopa.surveys.signals)
    notices.certificates_ready(activity)  # closed: every certificate is available now
    return activity


@audited
def record_attendance(
    *, activity: Activity, person: Person, by=None, position: Position | None = None,
    organisation: Organisation | None = None, attended: bool = True,
) -> Registration:
    """Record afterwards who came to an activity that has taken place (a visit of years ago), or who was expected
    and did not come — with the position they held then, which may have ended since. It is the record of what
    happened, not a sign-up: no seat, quota or deadline applies, and nobody waiting is offered anything."""
    activity = _lock(activity)
    require(by, "activities.manage_registrations", activity)
    if activity.status == Activity.Status.CLOSED:
        raise DomainError(_("The activity is closed; attendance can no longer change."), code="closed")
    _not_cancelled(activity)
    if activity.status != Activity.Status.HELD and not has_taken_place(activity):
        raise DomainError(_("Attendance can be recorded this way only for an activity that has taken place."),
                          code="future")
    day = activity.start_date or timezone.localdate()
    if position is not None:
        if position.person_id != person.pk:
            raise DomainError(_("That position belongs to someone else."), field="position", code="invalid")
        organisation = organisation or position.organisation
    position = position or _position_at(person, day, organisation)
    organisation = organisation or (position.organisation if position else None)
    if organisation is None:
        raise DomainError(_("%(person)s held no position in an organisation then; choose the position.")
                          % {"person": person}, field="position", code="no_organisation")
    status = Status.ATTENDED if attended else Status.NO_SHOW
    checked_in = _default_check_in(activity, timezone.now()) if attended else None
    registration = Registration.objects.filter(activity=activity, person=person).exclude(
        status=Status.CANCELLED).first()
    if registration is None:
        registration = Registration(activity=activity, person=person, registered_by=by)
    registration.organisation, registration.position, registration.status = organisation, position, status
    registration.checked_in_at = checked_in
    registration.offer_expires_at = None
    registration.save()
    if attended:
        notices.certificates_ready(activity, ids=[registration.pk])
    return registration


@audited
def remove_quota(*, quota: Quota, by=None) -> None:
    """An organisation's own quota taken away: the activity's per-organisation limit applies again, and seats
    it frees go to the waiting list as after any change of seats."""
    activity = _lock(quota.activity)
    require(by, "activities.manage_registrations", activity)
    Quota.objects.filter(pk=quota.pk).delete()
    if activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
