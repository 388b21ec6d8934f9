from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from kopa.activities import services
from kopa.activities.models import Activity, Registration
from kopa.core.errors import DomainError, PermissionDenied
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


def test_seats_go_in_order_then_the_waiting_list():
    activity = factories.activity(capacity=2)
    org = factories.organisation()
    people = [factories.employee(org) for _ in range(3)]
    statuses = [services.register(activity=activity, person=p).status for p in people]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


def test_the_organisation_quota_sends_its_extra_staff_to_the_waiting_list():
    activity = factories.activity(capacity=10, quota_per_organisation=2)
    org, other = factories.organisation(), factories.organisation()
    statuses = [services.register(activity=activity, person=factories.employee(org)).status for _ in range(3)]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    assert services.register(activity=activity, person=factories.employee(other)).status == S.CONFIRMED


def test_a_quota_of_its_own_overrides_the_default():
    activity = factories.activity(capacity=10, quota_per_organisation=1)
    org = factories.organisation()
    services.set_quota(activity=activity, organisation=org, seats=3)
    statuses = [services.register(activity=activity, person=factories.employee(org)).status for _ in range(4)]
    assert statuses == [S.CONFIRMED] * 3 + [S.WAITLISTED]


def test_a_coordinator_asking_for_a_seat_over_the_quota_is_refused_and_nothing_saved():
    activity = factories.activity(capacity=10, quota_per_organisation=1)
    org = factories.organisation(name="Balvu novada pašvaldība")
    coordinator = factories.partner_coordinator(org)
    services.register(activity=activity, person=factories.employee(org), by=coordinator, waitlist=False)
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.register(activity=activity, person=factories.employee(org), by=coordinator, waitlist=False)
    assert "has used all the seats of its quota" in str(error.value) and "Balvu" in str(error.value)
    assert Registration.objects.filter(activity=activity).count() == 1


def test_a_coordinator_registers_only_their_own_staff():
    activity = factories.activity()
    own, other = factories.organisation(), factories.organisation()
    coordinator = factories.partner_coordinator(own)
    services.register(activity=activity, person=factories.employee(own), by=coordinator)
    with pytest.raises(PermissionDenied):
        services.register(activity=activity, person=factories.employee(other), by=coordinator)
    assert Registration.objects.count() == 1


def test_a_participant_registers_themself():
    from kopa.directory import services as directory

    activity = factories.activity()
    org = factories.organisation()
    user = factories.user()
    person = factories.employee(org)
    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person, user=user)
    assert services.register(activity=activity, person=person, by=user).status == S.CONFIRMED
    with pytest.raises(PermissionDenied):
        services.register(activity=activity, person=factories.employee(org), by=user)


def test_a_cancellation_offers_the_seat_to_the_first_eligible_waiting_person():
    activity = factories.activity(capacity=2, quota_per_organisation=1)
    a, b, c = factories.organisation(), factories.organisation(), factories.organisation()
    first = services.register(activity=activity, person=factories.employee(a))
    services.register(activity=activity, person=factories.employee(b))
    waiting_same_org_as_nobody = services.register(activity=activity, person=factories.employee(b))  # quota of b
    waiting_c = services.register(activity=activity, person=factories.employee(c))
    assert (waiting_same_org_as_nobody.status, waiting_c.status) == (S.WAITLISTED, S.WAITLISTED)
    services.cancel(registration=first)
    waiting_same_org_as_nobody.refresh_from_db()
    waiting_c.refresh_from_db()
    # b is still at its quota, so the seat goes to c although c came later.
    assert waiting_same_org_as_nobody.status == S.WAITLISTED
    assert waiting_c.status == S.PENDING and waiting_c.offer_expires_at is not None
    services.accept_offer(registration=waiting_c)
    waiting_c.refresh_from_db()
    assert waiting_c.status == S.CONFIRMED


def test_an_offer_not_taken_up_in_time_passes_to_the_next_person():
    activity = factories.activity(capacity=1, offer_hours=24)
    org = factories.organisation()
    seated = services.register(activity=activity, person=factories.employee(org))
    second = services.register(activity=activity, person=factories.employee(org))
    third = services.register(activity=activity, person=factories.employee(org))
    start = datetime(2018, 5, 1, 9, 0, tzinfo=UTC)
    services.cancel(registration=seated, now=start)
    second.refresh_from_db()
    assert second.status == S.PENDING
    with translation.override("en"), pytest.raises(DomainError, match="expired"):
        services.accept_offer(registration=second, now=start + timedelta(hours=25))
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.CANCELLED and third.status == S.PENDING


def test_sign_up_after_the_deadline_is_refused_in_the_users_language():
    activity = factories.activity(registration_deadline=datetime(2018, 5, 20, 23, 59, tzinfo=UTC))
    person = factories.employee(factories.organisation())
    for language, words in (("lv", "termiņš"), ("lt", "termin"), ("en", "deadline has passed")):
        with translation.override(language), pytest.raises(DomainError) as error:
            services.register(activity=activity, person=person, now=datetime(2018, 5, 21, tzinfo=UTC))
        assert words in str(error.value)
    assert not Registration.objects.exists()


def test_registration_needs_an_open_activity_and_one_registration_per_person():
    planned = factories.activity(status="planned")
    person = factories.employee(factories.organisation())
    with pytest.raises(DomainError):
        services.register(activity=planned, person=person)
    open_activity = factories.activity()
    services.register(activity=open_activity, person=person)
    with pytest.raises(DomainError):
        services.register(activity=open_activity, person=person)
    assert Registration.objects.count() == 1


def test_an_activity_that_ends_before_it_starts_is_refused():
    from datetime import date

    with translation.override("en"), pytest.raises(DomainError, match="end date is before"):
        factories.activity(start_date=date(2018, 5, 30), end_date=date(2018, 5, 29))
    assert not Activity.objects.exists()


def test_check_in_then_closing_marks_the_others_as_no_show():
    activity = factories.activity(capacity=5)
    org = factories.organisation()
    came = services.register(activity=activity, person=factories.employee(org))
    absent = services.register(activity=activity, person=factories.employee(org))
    services.check_in_by_token(activity=activity, token=came.token)
    services.close_activity(activity=activity, minutes={"lv": "Protokols"})
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, absent.status) == (S.ATTENDED, S.NO_SHOW)
    with pytest.raises(DomainError):
        services.check_in(registration=absent)


def test_bulk_marking_from_a_sign_in_sheet():
    activity = factories.activity()
    org = factories.organisation()
    regs = [services.register(activity=activity, person=factories.employee(org)) for _ in range(4)]
    assert services.mark_attendance(activity=activity, attended_ids={regs[0].pk, regs[2].pk}) == 2
    other = factories.activity()
    stranger = services.register(activity=other, person=factories.employee(org))
    with pytest.raises(DomainError):
        services.mark_attendance(activity=activity, attended_ids={stranger.pk})
    assert Registration.objects.filter(status=S.ATTENDED).count() == 2


def test_only_organisers_check_in():
    activity = factories.activity()
    org = factories.organisation()
    registration = services.register(activity=activity, person=factories.employee(org))
    with pytest.raises(PermissionDenied):
        services.check_in(registration=registration, by=factories.partner_coordinator(factories.organisation()))
    organiser = factories.partner_coordinator(activity.organisers.get())
    services.check_in(registration=registration, by=organiser)


def test_closing_cancels_the_waiting_list_and_unaccepted_offers():
    activity = factories.activity(capacity=1)
    org = factories.organisation()
    seated = services.register(activity=activity, person=factories.employee(org))
    waiting = services.register(activity=activity, person=factories.employee(org))
    services.close_activity(activity=activity)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == (S.NO_SHOW, S.CANCELLED)


def test_after_the_event_registrations_no_longer_change():
    activity = factories.activity(capacity=1)
    org = factories.organisation()
    seated = services.register(activity=activity, person=factories.employee(org))
    waiting = services.register(activity=activity, person=factories.employee(org))
    services.set_status(activity=activity, status="held")
    with translation.override("en"), pytest.raises(DomainError, match="taken place"):
        services.cancel(registration=seated)
    with pytest.raises(DomainError):
        services.confirm(registration=waiting)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == (S.CONFIRMED, S.WAITLISTED)


def test_raising_the_capacity_offers_the_new_seat():
    activity = factories.activity(capacity=1)
    org = factories.organisation()
    services.register(activity=activity, person=factories.employee(org))
    waiting = services.register(activity=activity, person=factories.employee(org))
    services.update_activity(activity=activity, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == S.PENDING


def test_an_unknown_status_is_refused_not_a_server_error():
    activity = factories.activity()
    with pytest.raises(DomainError):
        services.set_status(activity=activity, status="exploded")
