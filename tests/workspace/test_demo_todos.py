"""The demo as loaded (`kopa demo`) gives the demo coordinator one of each to-do on "My work": each link answers and
opens the page where it is done, and doing it (through the services, as that page does) clears the to-do."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kopa.activities import services as activities
from kopa.activities.models import Activity, Registration
from kopa.demo import current, facts
from kopa.publications import services as publications
from kopa.surveys import services as surveys

DASHBOARD = "/lv/my-work/"


def _section(html: str, element_id: str) -> str:
    """The to-do's list item; empty when the dashboard does not list that kind of to-do at all."""
    match = re.search(rf'<li id="{element_id}">(.*?)</ul></li>', html, re.S)
    return match.group(1) if match else ""


def _links(fragment: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', fragment)]


def _dashboard(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def _activity(spec) -> Activity:
    return Activity.objects.get(title_lv=spec["fields"]["title_lv"])


def _offer(activity) -> Registration:
    return Registration.objects.select_related("person").get(activity=activity, status=Registration.Status.PENDING)


def test_the_demo_coordinator_has_each_to_do_and_each_link_leads_where_it_is_done(demo, client):
    coordinator = get_user_model().objects.get(username="coordinator")
    response = client.post("/lv/accounts/login/", {"username": "coordinator", "password": facts.DEMO_PASSWORD})
    assert response.status_code == 302  # the demo login works on the sign-in page
    workshop, seminar = (_activity(spec) for spec in current.COMING)
    meeting = _activity(current.HELD)
    html = _dashboard(client)

    # A seat offer that expires within 24 hours of loading: its link lists the activity's offers, this one in it.
    expiring = _offer(workshop)
    assert timezone.now() < expiring.offer_expires_at <= timezone.now() + timedelta(hours=24)
    pending = reverse("activities:registrations", args=[workshop.pk]) + "?status=pending"
    assert _links(_section(html, "todo-expiring")) == [pending]
    page = client.get(pending)
    assert page.status_code == 200
    assert page.context["activity"] == workshop
    assert expiring.person.last_name in page.content.decode()

    # A registration to confirm (an offer with days left): the same page of its own activity.
    waiting = _offer(seminar)
    to_confirm = reverse("activities:registrations", args=[seminar.pk]) + "?status=pending"
    assert set(_links(_section(html, "todo-confirm"))) == {pending, to_confirm}
    assert to_confirm not in _links(_section(html, "todo-expiring"))
    page = client.get(to_confirm)
    assert page.status_code == 200 and waiting.person.last_name in page.content.decode()

    # Held a week ago and not closed: the link is the activity's closing page.
    close = reverse("activities:close", args=[meeting.pk])
    assert close in _links(_section(html, "todo-close"))
    assert client.get(close).status_code == 200

    # Held with no article: the link is the activity's page, which carries the form that drafts it.
    assert meeting.get_absolute_url() in _links(_section(html, "todo-article"))
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert f'action="{reverse("publications:draft_activity", args=[meeting.pk])}"' in page.content.decode()

    # The feedback survey on that meeting, running, sent to those who attended: two of six have answered.
    [survey] = meeting.questionnaires.all()
    fragment = _section(html, "todo-surveys")
    assert reverse("surveys:questionnaire", args=[survey.pk]) in _links(fragment)
    assert "2 no 6" in fragment and "(33 %)" in fragment
    page = client.get(reverse("surveys:questionnaire", args=[survey.pk]))
    assert page.status_code == 200
    # Its page is where invitations are sent and reminded and the survey closed; it shows who was invited.
    rates = {row["organisation__name"]: (row["invited"], row["answered"]) for row in page.context["rates"]}
    assert sum(invited for invited, _answered in rates.values()) == 6
    assert 'value="remind"' in page.content.decode() and 'value="close"' in page.content.decode()

    # Doing each clears it.
    activities.confirm(registration=expiring, by=coordinator)
    html = _dashboard(client)
    assert 'id="todo-expiring"' not in html
    assert pending not in _links(_section(html, "todo-confirm"))

    activities.confirm(registration=waiting, by=coordinator)
    assert 'id="todo-confirm"' not in _dashboard(client)

    activities.close_activity(activity=meeting, by=coordinator)
    html = _dashboard(client)
    assert close not in _links(_section(html, "todo-close"))
    assert meeting.get_absolute_url() in _links(_section(html, "todo-article"))  # closed, still not written up

    publications.draft_from_activity(activity=meeting, by=coordinator)
    assert meeting.get_absolute_url() not in _links(_section(_dashboard(client), "todo-article"))

    surveys.close_questionnaire(questionnaire=survey, by=coordinator)
    assert reverse("surveys:questionnaire", args=[survey.pk]) not in _dashboard(client)
