"""A person's own mail: only their messages (to their account or their directory entry), newest first, each
text opened only by them, and their own switch for non-essential mail."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopa.directory.models import Person
from kopa.messaging import services as messaging
from kopa.messaging.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def me():
    user = factories.user()
    person = factories.employee(factories.organisation(), first_name="Laima", email="laima@example.org", user=user)
    client = Client()
    client.force_login(user)
    return user, person, client


def _queue(code="registration_confirmed", subject=None, **kwargs):
    return messaging.queue(code, context={"activity": "Seminārs"}, subject=subject, body="Teksts " + (subject or ""),
                           **kwargs)


def test_my_mail_lists_only_my_messages_and_opens_only_mine(me):
    user, person, client = me
    stranger = factories.employee(factories.organisation(), first_name="Svešais", email="s@example.org")
    to_person = _queue(subject="Uz manu ierakstu", person=person)
    to_account = _queue("new_registrations", subject="Uz manu kontu", user=user)
    other = _queue(subject="Svešs ziņojums", person=stranger)
    unreachable = Person.objects.create(first_name="Bez", last_name="Adreses", user=None)
    _queue(subject="Nevienam", person=unreachable)
    response = client.get("/lv/messages/mine/")
    page = response.content.decode()
    assert "Uz manu ierakstu" in page and "Uz manu kontu" in page
    assert "Svešs ziņojums" not in page and "Nevienam" not in page
    assert [m.pk for m in response.context["page"].object_list] == [to_account.pk, to_person.pk]  # newest first
    opened = client.get(f"/lv/messages/mine/{to_person.pk}/")
    assert opened.status_code == 200 and "Teksts Uz manu ierakstu" in opened.content.decode()
    assert client.get(f"/lv/messages/mine/{to_account.pk}/").status_code == 200
    assert client.get(f"/lv/messages/mine/{other.pk}/").status_code == 404
    # Someone else signed in sees none of mine.
    stranger_client = Client()
    stranger_client.force_login(factories.user())
    assert "Uz manu ierakstu" not in stranger_client.get("/lv/messages/mine/").content.decode()
    assert stranger_client.get(f"/lv/messages/mine/{to_person.pk}/").status_code == 404
    # Signed out: the login page.
    assert Client().get("/lv/messages/mine/").status_code == 302


def test_states_are_shown_in_words(me):
    user, person, client = me
    message = _queue(subject="Neizdevās", person=person)
    Message.objects.filter(pk=message.pk).update(state=Message.State.FAILED)
    page = client.get("/lv/messages/mine/").content.decode()
    with translation.override("lv"):
        failed = str(Message.State.FAILED.label)
    assert failed != "failed" and failed in page


def test_the_opt_out_switch(me):
    user, person, client = me
    response = client.post("/lv/messages/mine/", {"opt_out": "1"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.mail_opt_out
    reminder = messaging.build("survey_reminder", person=person, context={"survey": "S"})
    assert reminder.state == Message.State.OPTED_OUT
    confirmation = messaging.build("registration_confirmed", person=person, context={"activity": "A"})
    assert confirmation.state == Message.State.QUEUED  # essential mail still comes
    client.post("/lv/messages/mine/", {"opt_out": "0"})
    person.refresh_from_db()
    assert not person.mail_opt_out
    # both choices are kept in the person's consent history, with when, how and by whom
    from kopa.privacy.models import Consent

    history = list(Consent.objects.filter(person=person, kind="mailings").order_by("at", "pk")
                   .values_list("given", "how", "by"))
    assert history == [(False, "page", user.pk), (True, "page", user.pk)]


def test_the_participant_dashboard_links_to_my_mail(me):
    _user, _person, client = me
    assert "/lv/messages/mine/" in client.get("/lv/my-work/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_mail_runs_the_same_queries_with_few_or_many_messages(me):
    user, person, client = me
    counts = []
    for size in (2, 40):
        for n in range(size):
            _queue(subject=f"Ziņojums {size}-{n}", person=person)
            _queue("new_registrations", subject=f"Kontam {size}-{n}", user=user)
        counts.append(_queries(client, "/lv/messages/mine/"))
        counts.append(_queries(client, "/lv/messages/mine/?page=2"))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
