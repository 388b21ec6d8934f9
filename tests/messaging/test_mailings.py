"""An organiser's mailing: the request only records it; the worker (`kopa db_worker`) builds and sends it."""

import re
import time

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from kopa.activities.models import Registration
from kopa.directory.models import Person, Position
from kopa.messaging.models import Mailing, Message
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PEOPLE = 5000


def _registrants(activity, organisation, count):
    people = Person.objects.bulk_create(
        [Person(first_name=f"Dalībnieks{i}", last_name="Testa", email=f"d{i}@example.org", language="lv")
         for i in range(count)])
    Position.objects.bulk_create([Position(person=p, organisation=organisation, title="Speciālists") for p in people])
    Registration.objects.bulk_create([Registration(activity=activity, person=p, organisation=organisation,
                                                   status=Registration.Status.ATTENDED) for p in people])
    return people


@override_settings(TASKS=QUEUE)
def test_a_mailing_to_5000_registrants_returns_at_once_and_the_worker_delivers_it(smtp_server):
    organisation = factories.organisation()
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    coordinator.email = "koordinators@example.org"
    coordinator.save()
    activity = factories.activity(project=project)
    _registrants(activity, organisation, PEOPLE)
    client = Client()
    client.force_login(coordinator)
    started = time.monotonic()
    response = client.post(f"/lv/messages/activities/{activity.pk}/", {
        "subject": "Paldies, {name}!", "body": "Materiāli: {activity_link}", "statuses": ["attended"],
        "copy_to_sender": "on"})
    took = time.monotonic() - started
    assert response.status_code == 302
    assert Message.objects.count() == 0  # nothing built in the request: it returned at once
    assert took < 5, took
    mailing = Mailing.objects.get()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert Message.objects.filter(mailing=mailing, state=Message.State.SENT).count() == PEOPLE + 1  # and the copy
    assert len(smtp_server.messages) == PEOPLE + 1
    assert Mailing.objects.get().total == PEOPLE
    first = smtp_server.to("d0@example.org")[0]
    assert first["Subject"] == "Paldies, Dalībnieks0 Testa!" and first["List-Unsubscribe"]
    assert first["Auto-Submitted"] is None  # written by a person
    page = client.get(f"/lv/messages/activities/{activity.pk}/").content.decode()
    assert f'<tdclass="num">{PEOPLE + 1}</td>' in re.sub(r"[\s\u00a0\u202f]", "", page)  # the outbox shows them sent


def test_a_mailing_skips_those_who_asked_for_no_mailings_and_those_not_chosen(smtp_server):
    organisation = factories.organisation()
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project)
    came, opted, cancelled = _registrants(activity, organisation, 3)
    Person.objects.filter(pk=opted.pk).update(mail_opt_out=True)
    Registration.objects.filter(person=cancelled).update(status=Registration.Status.CANCELLED)
    client = Client()
    client.force_login(coordinator)
    client.post(f"/lv/messages/activities/{activity.pk}/", {"subject": "S", "body": "B"})
    received = sorted(a for recipients, _m in smtp_server.messages for a in recipients)
    assert received == [came.email]
    assert Message.objects.get(person=opted).state == Message.State.OPTED_OUT


def test_only_the_organisers_see_an_activitys_messages():
    activity = factories.activity(project=factories.project())
    outsider = factories.user()
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/lv/messages/activities/{activity.pk}/").status_code == 403
    assert client.post(f"/lv/messages/activities/{activity.pk}/", {"subject": "S", "body": "B"}).status_code == 403
    assert not Mailing.objects.exists()
