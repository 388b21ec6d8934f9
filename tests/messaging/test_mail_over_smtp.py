"""Mail goes through Django's real SMTP backend to a real SMTP server started by the test; what arrived is
read back."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.core.errors import DomainError
from kopa.messaging import delivery
from kopa.messaging import services as messaging
from kopa.messaging.models import Message
from tests import factories

pytestmark = pytest.mark.django_db

FUTURE = {"start_date": date(2027, 3, 1), "end_date": date(2027, 3, 2)}


def _people(organisation, *specs):
    return [factories.employee(organisation, first_name=first, last_name=last, email=email, language=language)
            for first, last, email, language in specs]


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_cancelled_seat_mails_one_offer_to_the_first_eligible_waiting_person_who_accepts_through_the_link(
        smtp_server, django_capture_on_commit_callbacks):
    organisation = factories.organisation(name="Utenos rajono savivaldybė", country_code="LT")
    seated, first, second = _people(
        organisation, ("Ona", "Jonaitė", "ona@example.org", "lv"), ("Rūta", "Petraitienė", "ruta@example.org", "lt"),
        ("Jonas", "Kazlauskas", "jonas@example.org", "en"))
    activity = factories.activity(capacity=1, venue_lv="Utena, Utenio a. 4", **FUTURE)
    with django_capture_on_commit_callbacks(execute=True):
        held = services.register(activity=activity, person=seated)
        services.register(activity=activity, person=first)
        services.register(activity=activity, person=second)
    smtp_server.messages.clear()  # (messages of the sign-ups themselves are not what this test is about)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=held)

    offers = [m for _rcpts, m in smtp_server.messages if "ruta@example.org" in m["To"]]
    assert len(offers) == 1 and smtp_server.to("jonas@example.org") == []  # the first waiting, and only them
    offer = offers[0]
    assert "Petraitienė" in str(offer["To"])
    assert offer["Content-Language"] == "lt" and offer["Auto-Submitted"] == "auto-generated"
    with translation.override("lt"):
        assert offer["Subject"] == str(translation.gettext("A seat is free for you: {activity}")).format(
            activity=activity.title)
    body = _text(offer)
    assert offer.get_body(preferencelist=("html",)) is not None  # multipart: text and HTML
    link = re.search(r"https?://\S+/offer/[0-9a-f-]+/", body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]

    client = Client()
    page = client.get("/" + path)
    assert page.status_code == 200
    assert Registration.objects.get(person=first).status == Registration.Status.PENDING  # a GET does not accept
    taken = client.post("/" + path)
    assert taken.status_code == 200
    assert Registration.objects.get(person=first).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(person=second).status == Registration.Status.WAITLISTED
    assert Message.objects.get(kind="seat_offered").state == Message.State.SENT


def test_an_expired_offer_is_told_once_however_often_the_scheduler_runs(smtp_server,
                                                                        django_capture_on_commit_callbacks):
    organisation = factories.organisation()
    seated, waiting, next_one = _people(organisation, ("A", "Ā", "a@example.org", "lv"),
                                        ("B", "Bē", "b@example.org", "lv"), ("C", "Cē", "c@example.org", "lv"))
    activity = factories.activity(capacity=1, **FUTURE)
    held = services.register(activity=activity, person=seated)
    services.register(activity=activity, person=waiting)
    services.register(activity=activity, person=next_one)
    services.cancel(registration=held)
    later = timezone.now() + timedelta(hours=activity.offer_hours + 1)
    Registration.objects.filter(person=waiting).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    smtp_server.messages.clear()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_scheduled")
    assert len(smtp_server.to("b@example.org")) == 1  # "offer expired", once
    assert len(smtp_server.to("c@example.org")) == 1  # the seat offered to the next person, once
    assert later  # (the offer of the next person runs until later; nothing more is sent)


def test_a_name_with_a_line_break_cannot_add_a_header(smtp_server, django_capture_on_commit_callbacks):
    organisation = factories.organisation()
    (person,) = _people(organisation, ("Anna\r\nBcc: victim@example.net", "Ozola\nX-Evil: 1", "anna@example.org", "en"))
    activity = factories.activity(capacity=0, title_lv="Seminārs\r\nBcc: other@example.net", **FUTURE)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(activity=activity, person=person)  # waitlisted: a message with the name and the title
    assert smtp_server.messages, "the waiting-list message was sent"
    for recipients, message in smtp_server.messages:
        assert recipients == ["anna@example.org"]
        assert message["Bcc"] is None and message["X-Evil"] is None
        assert "\n" not in str(message["Subject"]) and "\n" not in str(message["To"])


def test_a_refusing_server_is_retried_with_back_off_and_the_message_ends_failed_with_the_reason(smtp_server):
    organisation = factories.organisation()
    (person,) = _people(organisation, ("Līga", "Bērziņa", "liga@example.org", "lv"))
    message = messaging.queue("registration_cancelled", person=person, context={"activity": "X"})
    smtp_server.refuse_data = "451 4.3.0 Mailbox busy, try later"
    now = timezone.now()
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        assert delivery.send([message.pk], now=now) == 0
        message.refresh_from_db()
        assert message.attempts == attempt
        assert delivery.send([message.pk], now=now) == 0 and Message.objects.get(pk=message.pk).attempts == attempt
        now += timedelta(hours=3)  # past the back-off
    assert message.state == Message.State.FAILED and "451" in message.error and "Mailbox busy" in message.error
    assert smtp_server.messages == []


def test_a_refused_address_is_recorded_as_bounced_and_a_later_retry_sends_the_rest(smtp_server):
    organisation = factories.organisation()
    good, bad = _people(organisation, ("A", "Ā", "good@example.org", "lv"), ("B", "Bē", "gone@example.org", "lv"))
    smtp_server.refuse_rcpt = {"gone@example.org": "550 5.1.1 No such user"}
    ids = [messaging.queue("registration_cancelled", person=p, context={"activity": "X"}).pk for p in (good, bad)]
    assert delivery.send(ids) == 1
    assert Message.objects.get(person=bad).state == Message.State.BOUNCED
    assert "550" in Message.objects.get(person=bad).error
    assert Message.objects.get(person=good).state == Message.State.SENT and len(smtp_server.to("good@example.org")) == 1


def test_a_worker_that_died_leaves_its_messages_to_the_next_run(smtp_server):
    organisation = factories.organisation()
    (person,) = _people(organisation, ("A", "Ā", "a@example.org", "lv"))
    message = messaging.queue("registration_cancelled", person=person, context={"activity": "X"})
    Message.objects.filter(pk=message.pk).update(attempts=1, next_attempt_at=timezone.now() + delivery.LEASE)
    assert delivery.due_ids() == []  # claimed by a worker a moment ago
    assert delivery.due_ids(timezone.now() + delivery.LEASE + timedelta(seconds=1)) == [message.pk]


def test_no_address_is_recorded_as_not_reachable_and_opted_out_people_get_only_essential_mail(smtp_server):
    organisation = factories.organisation()
    nobody, opted = _people(organisation, ("Bez", "Adreses", "", "lv"), ("Ne", "Vēlas", "ne@example.org", "lv"))
    messaging.opt_out(person=opted)
    assert messaging.queue("registration_cancelled", person=nobody, context={}).state == Message.State.UNREACHABLE
    assert messaging.queue("survey_reminder", person=opted, context={}).state == Message.State.OPTED_OUT
    assert messaging.queue("registration_cancelled", person=opted, context={}).state == Message.State.QUEUED


def test_non_essential_mail_carries_a_working_one_click_unsubscribe(smtp_server):
    organisation = factories.organisation()
    (person,) = _people(organisation, ("Inga", "Liepa", "inga@example.org", "lv"))
    message = messaging.queue("survey_reminder", person=person, context={"survey": "S"})
    delivery.send([message.pk])
    (received,) = smtp_server.to("inga@example.org")
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = received["List-Unsubscribe"].strip("<>")
    response = Client().post("/" + link.split("//", 1)[1].split("/", 1)[1])  # no CSRF token: one click
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.mail_opt_out
    essential = messaging.queue("registration_confirmed", person=person, context={})
    delivery.send([essential.pk])
    assert "List-Unsubscribe" not in smtp_server.to("inga@example.org")[-1]


def test_a_template_with_an_unknown_placeholder_is_refused_with_a_translated_message():
    project = factories.project()
    with translation.override("lv"), pytest.raises(DomainError) as refused:
        messaging.save_template(code="reminder", project=project, subjects={"lv": "Atgādinājums: {activity}"},
                                bodies={"lv": "Sveiki, {name}! Parole: {password}"})
    assert refused.value.field == "body_lv" and "{password}" in str(refused.value)
    with translation.override("lv"):
        assert str(refused.value).startswith(translation.gettext("Unknown placeholder %(wrong)s. You may use: "
                                                                 "%(allowed)s.").split("%")[0])
    assert not project.message_templates.exists()


def test_the_organisers_template_is_used_in_the_recipients_language_and_the_default_where_left_empty():
    project = factories.project()
    activity = factories.activity(project=project, title_lv="Seminārs", **FUTURE)
    messaging.save_template(code="registration_confirmed", project=project,
                            subjects={"lv": "Vieta apstiprināta: {activity}"}, bodies={"lv": "Sveiki, {name}!"})
    organisation = factories.organisation()
    lv, en = _people(organisation, ("Anna", "Ozola", "a@example.org", "lv"), ("John", "Smith", "j@example.org", "en"))
    context = {"activity": "Seminārs"}
    assert messaging.queue("registration_confirmed", person=lv, activity=activity,
                           context=context).subject == "Vieta apstiprināta: Seminārs"
    assert messaging.queue("registration_confirmed", person=en, activity=activity,
                           context=context).subject == "Your seat is confirmed: Seminārs"
