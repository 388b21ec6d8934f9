"""Reminders run from the scheduler (idempotent) and changes of place reach those holding a seat, over SMTP."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kopa.activities import services
from tests import factories

pytestmark = pytest.mark.django_db


def _activity_with_people(**fields):
    organisation = factories.organisation()
    people = [factories.employee(organisation, first_name=f"P{i}", email=f"p{i}@example.org") for i in range(4)]
    activity = factories.activity(capacity=3, venue_lv="Rēzekne, Atbrīvošanas aleja 93", **fields)
    registrations = [services.register(activity=activity, person=p) for p in people]  # the fourth waits
    services.cancel(registration=registrations[2])  # cancelled: the waiting fourth is offered the seat
    services.accept_offer(registration=registrations[3])
    return activity, people


def test_a_reminder_run_twice_sends_one_reminder_per_confirmed_participant_with_a_calendar_file(
        smtp_server, django_capture_on_commit_callbacks, settings):
    settings.KOPA_REMINDER_DAYS = [7, 1]
    start = timezone.localdate() + timedelta(days=5)
    activity, people = _activity_with_people(start_date=start, end_date=start)
    smtp_server.messages.clear()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_scheduled", stdout=open("/dev/null", "w"))
    reminded = sorted(address for recipients, _m in smtp_server.messages for address in recipients)
    assert reminded == ["p0@example.org", "p1@example.org", "p3@example.org"]  # not the one who cancelled
    message = smtp_server.to("p0@example.org")[0]
    assert "Rēzekne" in message.get_body(preferencelist=("plain",)).get_content()
    calendars = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 1 and b"BEGIN:VEVENT" in calendars[0].get_payload(decode=True)


def test_a_change_of_place_reaches_every_confirmed_participant_and_nobody_cancelled(
        smtp_server, django_capture_on_commit_callbacks):
    start = timezone.localdate() + timedelta(days=30)
    activity, people = _activity_with_people(start_date=start, end_date=start)
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(activity=activity, venue_lv="Daugavpils, Saules iela 1")
    told = sorted(address for recipients, _m in smtp_server.messages for address in recipients)
    assert told == ["p0@example.org", "p1@example.org", "p3@example.org"]
    body = smtp_server.to("p1@example.org")[0].get_body(preferencelist=("plain",)).get_content()
    assert "Daugavpils, Saules iela 1" in body
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(activity=activity, title_lv="Jauns nosaukums")  # not a change of place or date
    assert smtp_server.messages == []
