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
        "subject_lv": "Paldies, {name}!", "body_lv": "Materiāli: {activity_link}", "statuses": ["attended"],
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
    client.post(f"/lv/messages/activities/{activity.pk}/", {"subject_lv": "S", "body_lv": "B"})
    received = sorted(a for recipients, _m in smtp_server.messages for a in recipients)
    assert received == [came.email]
    assert Message.objects.get(person=opted).state == Message.State.OPTED_OUT


def test_only_the_organisers_see_an_activitys_messages():
    activity = factories.activity(project=factories.project())
    outsider = factories.user()
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/lv/messages/activities/{activity.pk}/").status_code == 403
    response = client.post(f"/lv/messages/activities/{activity.pk}/", {"subject_lv": "S", "body_lv": "B"})
    assert response.status_code == 403
    assert not Mailing.objects.exists()


def test_each_registrant_gets_the_text_in_their_language_with_the_material_attached(smtp_server):
    from django.core.files.base import ContentFile

    from kopa.activities.models import Material

    organisation = factories.organisation()
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project)
    latvian, lithuanian, english = _registrants(activity, organisation, 3)
    Person.objects.filter(pk=lithuanian.pk).update(language="lt")
    Person.objects.filter(pk=english.pk).update(language="en")
    handout = Material(activity=activity, title="Izdales materiāls")
    handout.file.save("izdale-ā.pdf", ContentFile(b"%PDF-1.4 handout"), save=True)
    client = Client()
    client.force_login(coordinator)
    response = client.post(f"/lv/messages/activities/{activity.pk}/", {
        "subject_lv": "Paldies, {name}!", "body_lv": "Latviski.", "subject_lt": "Ačiū, {name}!",
        "body_lt": "Lietuviškai.", "materials": [handout.pk]})
    assert response.status_code == 302

    assert smtp_server.to(lithuanian.email)[0]["Subject"] == f"Ačiū, {lithuanian}!"
    assert smtp_server.to(latvian.email)[0]["Subject"] == f"Paldies, {latvian}!"
    # No English text written: the English reader gets the sender's language.
    english_mail = smtp_server.to(english.email)[0]
    assert english_mail["Subject"] == f"Paldies, {english}!"
    attached = [part for part in english_mail.iter_attachments()]
    assert [part.get_filename() for part in attached] == [handout.file.name.rsplit("/", 1)[-1]]
    assert attached[0].get_content() == b"%PDF-1.4 handout"


def test_a_mailing_reaches_only_the_chosen_organisation_and_parallel_group(smtp_server):
    from kopa.activities.models import Breakout

    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project)
    ours, theirs = factories.organisation("Balvu novada pašvaldība"), factories.organisation("Utenas rajona pašvaldība")
    in_group, outside_group = _registrants(activity, ours, 2)
    (other,) = _registrants(activity, theirs, 1)
    group = Breakout.objects.create(activity=activity, theme="Digitalizācija")
    Registration.objects.filter(person=in_group).update(breakout=group)
    client = Client()
    client.force_login(coordinator)
    page = client.get(f"/lv/messages/activities/{activity.pk}/").content.decode()
    assert "Digitalizācija" in page  # the groups offered as choices; the organisations are typed (a picker)
    assert re.search(r'<input[^>]*name="organisation"', page)
    assert not re.search(r'<select[^>]*name="organisation"', page)

    client.post(f"/lv/messages/activities/{activity.pk}/", {
        "subject_lv": "Grupai", "body_lv": "Teksts", "organisation": ours.pk, "breakout": group.pk})
    assert sorted(a for recipients, _m in smtp_server.messages for a in recipients) == [in_group.email]
    assert Mailing.objects.get().filters["organisation"] == ours.pk


def test_a_subject_without_its_text_is_refused_in_the_readers_language():
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project)
    client = Client()
    client.force_login(coordinator)
    response = client.post(f"/lv/messages/activities/{activity.pk}/", {"subject_lt": "Tema", "body_lt": ""})
    assert response.status_code == 200
    assert "Rakstiet gan tematu, gan tekstu katrā izmantotajā valodā." in response.content.decode()
    response = client.post(f"/lv/messages/activities/{activity.pk}/", {"subject_lv": "", "copy_to_sender": "on"})
    assert "Uzrakstiet tematu un tekstu vismaz vienā valodā." in response.content.decode()
    assert not Mailing.objects.exists()
