"""What participants (and, for their seats, organisers) are told as their registrations and the activity move on:
registration received, the activity cancelled, certificate ready and the feedback form, bulk confirmations and
cancellations, a quota or the whole activity used up. Read back from a real SMTP server, or from the outbox."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kopa.activities import notices, services
from kopa.activities.models import Activity, Registration
from kopa.core.errors import DomainError, PermissionDenied
from kopa.messaging.models import Message
from kopa.surveys import services as surveys
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status
FUTURE = {"start_date": date(2027, 3, 1), "end_date": date(2027, 3, 2)}


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _told(smtp_server) -> list[str]:
    return sorted(address for recipients, _m in smtp_server.messages for address in recipients)


def _people(organisation, count, language="lv", prefix="p"):
    return [factories.employee(organisation, first_name=f"{prefix.upper()}{i}", email=f"{prefix}{i}@example.org",
                               language=language) for i in range(count)]


def _kinds(person) -> list[str]:
    return list(Message.objects.filter(person=person).order_by("pk").values_list("kind", flat=True))


# --- Registration received ----------------------------------------------------------------------------------

def test_a_sign_up_is_told_once_as_what_it_became_confirmed_or_waiting():
    organisation = factories.organisation()
    seated, waiting = _people(organisation, 2)
    activity = factories.activity(capacity=1, **FUTURE)
    services.register(activity=activity, person=seated)
    services.register(activity=activity, person=waiting)
    assert _kinds(seated) == ["registration_confirmed"]  # not also "received"
    assert _kinds(waiting) == ["registration_waitlisted"]


def test_a_registration_awaiting_the_organisers_confirmation_is_told_it_was_received(
        smtp_server, django_capture_on_commit_callbacks):
    # No sign-up path records a seat as "pending" for the organiser yet (pending is a seat offered from the
    # waiting list, told as an offer); the notice registration_recorded tells one as received, and only that.
    (person,) = _people(factories.organisation(), 1, language="lt")
    activity = factories.activity(venue_lv="Utena", **FUTURE)
    registration = services.register(activity=activity, person=person)
    Message.objects.all().delete()
    Registration.objects.filter(pk=registration.pk).update(status=S.PENDING)
    registration.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notices.registration_recorded(registration)
    (received,) = smtp_server.to("p0@example.org")
    with translation.override("lt"):
        assert received["Subject"] == translation.gettext("Registration received: {activity}").format(
            activity=activity.title)
    assert received["Content-Language"] == "lt" and activity.title in _text(received)
    assert _kinds(person) == ["registration_received"]


# --- The activity cancelled ---------------------------------------------------------------------------------

def _cancellable(project=None):
    """Two seats: p0 and p1 seated, p2 and p3 waiting; p1 cancels, so p2 is offered the seat (pending)."""
    organisation = factories.organisation()
    people = _people(organisation, 3) + _people(organisation, 1, language="en", prefix="e")
    activity = factories.activity(project=project, capacity=2, **FUTURE)
    registrations = [services.register(activity=activity, person=p) for p in people]
    services.cancel(registration=registrations[1])
    assert [Registration.objects.get(pk=r.pk).status for r in registrations] == [
        S.CONFIRMED, S.CANCELLED, S.PENDING, S.WAITLISTED]
    return activity, people, registrations


def test_cancelling_the_activity_tells_everyone_with_a_seat_or_waiting_once_with_the_reason(
        smtp_server, django_capture_on_commit_callbacks):
    activity, people, registrations = _cancellable()
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_activity(activity=activity, reason="Lektors saslima.")
    assert _told(smtp_server) == ["e0@example.org", "p0@example.org", "p2@example.org"]  # not p1, who cancelled
    english = smtp_server.to("e0@example.org")[0]
    assert english["Subject"] == f"Cancelled: {activity.title}" and english["Content-Language"] == "en"
    assert "will not take place" in _text(english) and "Lektors saslima." in _text(english)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert {r.status for r in Registration.objects.filter(activity=activity)} == {S.CANCELLED}

    smtp_server.messages.clear()
    with translation.override("lv"), pytest.raises(DomainError) as again:
        with django_capture_on_commit_callbacks(execute=True):
            services.cancel_activity(activity=activity)
    with translation.override("lv"):
        assert str(again.value) == translation.gettext("The activity has already been cancelled.")
    assert smtp_server.messages == [] and Message.objects.filter(kind="activity_cancelled").count() == 3


def test_a_cancelled_activity_takes_no_sign_ups_check_ins_or_status_changes():
    activity, people, registrations = _cancellable()
    services.cancel_activity(activity=activity)
    newcomer = factories.employee(factories.organisation())
    with pytest.raises(DomainError):
        services.register(activity=activity, person=newcomer)
    for status in ("open", "planned", "held"):
        with pytest.raises(DomainError):
            services.set_status(activity=activity, status=status)
    with pytest.raises(DomainError):
        services.record_attendance(activity=activity, person=people[0])
    with pytest.raises(DomainError):
        services.check_in(registration=registrations[0])


def test_an_activity_that_has_taken_place_cannot_be_cancelled_and_outsiders_cannot_cancel_one():
    held = factories.activity(status="held")
    past = factories.activity(status="open")  # 29–30 May 2018: shown as held
    for activity in (held, past):
        with translation.override("lv"), pytest.raises(DomainError) as refused:
            services.cancel_activity(activity=activity)
        with translation.override("lv"):
            assert str(refused.value) == translation.gettext("An activity that has taken place cannot be cancelled.")
        activity.refresh_from_db()
        assert activity.status != Activity.Status.CANCELLED
    coming = factories.activity(**FUTURE)
    outsider = factories.partner_coordinator(factories.organisation())
    with pytest.raises(PermissionDenied):
        services.cancel_activity(activity=coming, by=outsider)


def test_the_organiser_cancels_from_the_activity_page_and_the_pages_show_the_new_status(smtp_server):
    project = factories.project(start_date=date(2026, 1, 1), end_date=date(2028, 12, 31))
    activity, people, registrations = _cancellable(project=project)
    coordinator = factories.programme_coordinator(project)
    client = Client()
    client.force_login(coordinator)
    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    cancel_url = f"/en/activities/{activity.pk}/cancel/"
    assert f'href="{cancel_url}"' in page
    confirm = client.get(cancel_url).content.decode()
    assert "3 people who hold a seat or wait for one will be told." in confirm
    response = client.post(cancel_url, {"reason": "Telpas nav pieejamas."})
    assert response.status_code == 302 and response["Location"].endswith(f"/activities/{activity.pk}/")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert Message.objects.filter(kind="activity_cancelled", activity=activity).count() == 3
    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert f'href="{cancel_url}"' not in page and f"/en/activities/{activity.pk}/close/" not in page
    assert "cancelled" in page
    assert "already been cancelled" in client.get(cancel_url).content.decode()
    for url in ("/en/activities/", "/lv/activities/", "/en/my-work/", f"/en/activities/{activity.pk}/registrations/",
                f"/en/activities/{activity.pk}/calendar.ics", "/en/activities/mine/"):
        assert client.get(url).status_code == 200, url
    assert Client().post(cancel_url).status_code == 302  # anonymous: to the login page
    other = Client()
    other.force_login(factories.partner_coordinator(factories.organisation()))
    assert other.post(cancel_url).status_code == 403


# --- Certificate ready and the feedback form -----------------------------------------------------------------

def _today_activity(length=0, **fields):
    today = timezone.localdate()
    return factories.activity(start_date=today, end_date=today + timedelta(days=length), **fields)


def test_a_checked_in_participant_is_told_once_that_the_certificate_is_ready_with_its_link(
        smtp_server, django_capture_on_commit_callbacks):
    organisation = factories.organisation()
    came, absent = _people(organisation, 2)
    activity = _today_activity(venue_lv="Rēzekne")
    registrations = [services.register(activity=activity, person=p) for p in (came, absent)]
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.check_in(registration=registrations[0])  # its only day is today: the certificate is ready
    (told,) = smtp_server.to("p0@example.org")
    with translation.override("lv"):
        assert told["Subject"] == translation.gettext("Your certificate: {activity}").format(activity=activity.title)
    link = re.search(r"https?://\S+certificate\.pdf", _text(told)).group(0)
    assert link.endswith(f"/activities/{activity.pk}/registrations/{registrations[0].pk}/certificate.pdf")

    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.check_in(registration=registrations[0])  # checked in again
        services.close_activity(activity=activity)
    assert smtp_server.messages == []  # not twice, and nothing to the one who did not come
    assert Message.objects.filter(kind="certificate_ready").count() == 1

    # The person opens the link once logged in.
    user = factories.user()
    came.user = user
    came.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    response = client.get("/" + link.split("//", 1)[1].split("/", 1)[1])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_certificate_of_a_visit_of_several_days_is_told_when_its_last_day_comes(
        smtp_server, django_capture_on_commit_callbacks):
    (person,) = _people(factories.organisation(), 1)
    activity = _today_activity(length=1)  # today and tomorrow
    registration = services.register(activity=activity, person=person)
    services.check_in(registration=registration)
    assert not Message.objects.filter(kind="certificate_ready").exists()  # not yet: tomorrow is still to come
    assert notices.send_certificates(timezone.now()) == 0
    tomorrow = timezone.now() + timedelta(days=1)
    smtp_server.messages.clear()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notices.send_certificates(tomorrow)
    assert len(smtp_server.to("p0@example.org")) == 1


def test_attendance_recorded_afterwards_or_from_the_sheet_tells_those_who_came(smtp_server):
    organisation = factories.organisation()
    organiser = factories.user(is_superuser=True)
    late, sheet_one, sheet_two = _people(organisation, 3)
    visit = factories.activity(status="planned")  # 29–30 May 2018
    recorded = services.record_attendance(activity=visit, person=late, by=organiser)
    services.record_attendance(activity=visit, person=sheet_one, by=organiser, attended=False)
    assert _kinds(late) == ["certificate_ready"] and _kinds(sheet_one) == []
    other = factories.activity()  # registrations of 2018 still marked from a returned sheet
    marked = [services.register(activity=other, person=p, by=organiser) for p in (sheet_one, sheet_two)]
    services.mark_attendance(activity=other, attended_ids={r.pk for r in marked}, by=organiser)
    assert Message.objects.filter(kind="certificate_ready", activity=other).count() == 2
    assert recorded.status == S.ATTENDED


def test_closing_sends_the_feedback_form_to_those_who_came_once_beside_their_certificate(
        smtp_server, django_capture_on_commit_callbacks):
    # The feedback questionnaire goes out on closing (kopa.surveys), as a survey invitation with its own link.
    organisation = factories.organisation()
    came, absent = _people(organisation, 2)
    activity = _today_activity(length=1)
    registrations = [services.register(activity=activity, person=p) for p in (came, absent)]
    services.check_in(registration=registrations[0])
    feedback = surveys.create_questionnaire(
        titles={"lv": "Atsauksmes", "en": "Feedback"}, activity=activity, purpose="feedback",
        sections=[{"title": {"lv": "Vērtējums", "en": "Rating"}, "questions": [
            {"code": "useful", "kind": "likert", "text": {"lv": "Noderīgi", "en": "Useful"}}]}])
    surveys.publish_questionnaire(questionnaire=feedback)
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_activity(activity=activity)
        Activity.objects.get(pk=activity.pk).save()  # saved again once closed: nobody is invited twice
    assert _told(smtp_server) == ["p0@example.org", "p0@example.org"]
    subjects = sorted(m["Subject"] for m in smtp_server.to("p0@example.org"))
    with translation.override("lv"):
        assert subjects == sorted([translation.gettext("Survey: {survey}").format(survey="Atsauksmes"),
                                   translation.gettext("Your certificate: {activity}").format(
                                       activity=activity.title)])
    invitation = next(m for m in smtp_server.to("p0@example.org") if "Atsauksmes" in m["Subject"])
    assert re.search(r"https?://\S+/surveys/\S+", _text(invitation))


# --- Bulk confirm and cancel --------------------------------------------------------------------------------

def _inserts(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith("INSERT") and "messaging_message" in q["sql"])


def test_confirming_and_cancelling_in_bulk_tells_each_person_once_in_one_insert(
        smtp_server, django_capture_on_commit_callbacks):
    organisation = factories.organisation()
    people = _people(organisation, 5)
    activity = factories.activity(capacity=2, **FUTURE)
    organiser = factories.partner_coordinator(activity.organisers.get())
    registrations = [services.register(activity=activity, person=p) for p in people]  # two seated, three waiting
    services.update_activity(activity=activity, capacity=6, by=organiser)  # the three are offered seats
    Registration.objects.filter(activity=activity, status=S.PENDING).update(status=S.WAITLISTED,
                                                                            offer_expires_at=None)
    Message.objects.all().delete()
    smtp_server.messages.clear()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        services.confirm_many(activity=activity, registrations=registrations[2:], by=organiser)
    assert _inserts(queries.captured_queries) == 1
    assert _told(smtp_server) == ["p2@example.org", "p3@example.org", "p4@example.org"]
    with translation.override("lv"):
        assert {m["Subject"] for _r, m in smtp_server.messages} == {
            translation.gettext("Your seat is confirmed: {activity}").format(activity=activity.title)}
    assert sorted(Message.objects.values_list("kind", flat=True)) == ["registration_confirmed"] * 3

    smtp_server.messages.clear()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        services.cancel_many(activity=activity, registrations=registrations[:3], by=organiser)
    assert _inserts(queries.captured_queries) == 1
    assert _told(smtp_server) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert Message.objects.filter(kind="registration_cancelled").count() == 3


def test_a_bulk_action_refused_for_one_person_tells_nobody():
    organisation = factories.organisation()
    people = _people(organisation, 3)
    activity = factories.activity(capacity=1, **FUTURE)
    organiser = factories.partner_coordinator(activity.organisers.get())
    registrations = [services.register(activity=activity, person=p) for p in people]  # one seat, two waiting
    Message.objects.all().delete()
    with pytest.raises(services.RefusedFor):
        services.confirm_many(activity=activity, registrations=registrations[1:], by=organiser)  # no seat left
    assert not Message.objects.exists()


# --- Quota reached, the activity full -----------------------------------------------------------------------

def test_the_organisers_are_told_once_when_an_organisation_uses_its_last_quota_seat_and_when_all_seats_go(
        smtp_server, django_capture_on_commit_callbacks):
    project = factories.project(start_date=date(2026, 1, 1), end_date=date(2028, 12, 31))
    organiser_org = factories.organisation(name="Organizators")
    activity = factories.activity(project=project, organiser=organiser_org, capacity=3, quota_per_organisation=2,
                                  **FUTURE)
    coordinator = factories.programme_coordinator(project)
    coordinator.email = "coordinator@example.org"
    coordinator.save(update_fields=["email"])
    partner = factories.partner_coordinator(organiser_org)
    partner.email = "partner@example.org"
    partner.save(update_fields=["email"])
    bystander = factories.partner_coordinator(factories.organisation())  # coordinates something else
    bystander.email = "bystander@example.org"
    bystander.save(update_fields=["email"])
    balvi, other = factories.organisation(name="Balvu novads"), factories.organisation()
    first, second, third = _people(balvi, 3)
    (outsider,) = _people(other, 1, prefix="o")
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(activity=activity, person=first)
    assert not Message.objects.filter(kind__in=("quota_reached", "activity_full")).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(activity=activity, person=second)  # Balvi's second and last seat
        services.register(activity=activity, person=third)  # waits: nothing new for the organisers
    quota = [m for _r, m in smtp_server.messages if "Balvu novads" in m["Subject"]]
    assert sorted(str(m["To"]).split("<")[1].rstrip(">") for m in quota) == [
        "coordinator@example.org", "partner@example.org"]
    assert "Balvu novads" in _text(quota[0]) and activity.title in _text(quota[0])
    assert smtp_server.to("bystander@example.org") == []

    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(activity=activity, person=outsider)  # the last of the three seats
    assert _told(smtp_server) == ["coordinator@example.org", "o0@example.org", "partner@example.org"]
    full = smtp_server.to("coordinator@example.org") + smtp_server.to("partner@example.org")
    with translation.override("lv"):  # (organisers with no language of their own read the site's)
        assert {m["Subject"] for m in full} == {
            translation.gettext("Fully booked: {activity}").format(activity=activity.title)}
    assert Message.objects.filter(kind="activity_full").count() == 2

    # A seat freed and taken again is not news a second time.
    smtp_server.messages.clear()
    seated = Registration.objects.get(activity=activity, person=second)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=seated)  # the waiting third (also Balvi) is offered the seat
        services.accept_offer(registration=Registration.objects.get(activity=activity, person=third))
    organisers_told = [m for recipients, m in smtp_server.messages if set(recipients) & {
        "coordinator@example.org", "partner@example.org"}]
    assert organisers_told == []
    assert Message.objects.filter(kind="quota_reached").count() == 2
