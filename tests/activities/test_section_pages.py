"""Parallel groups, quotas and materials in the organiser's own pages, through the services: a raised quota
offers its seats to the waiting list, an upload of the wrong type is refused, a stranger gets 403."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopa.activities import services
from kopa.activities.models import Breakout, Material, Quota, Registration
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    project = factories.project(code="GRP-1")
    coordinator = factories.programme_coordinator(project)
    host = factories.organisation(name="Utenos rajono savivaldybė", country_code="LT")
    activity = services.create_activity(
        by=coordinator, project=project, kind="study_visit", title_lv="Pieredzes brauciens", capacity=20,
        start_date=date(2027, 5, 26), end_date=date(2027, 5, 28), registration_deadline=None)
    services.set_status(activity=activity, status="open", by=coordinator)
    return {"activity": activity, "coordinator": coordinator, "host": host}


def test_groups_and_quotas_are_added_and_removed_in_the_page(visit, client):
    activity, host = visit["activity"], visit["host"]
    client.force_login(visit["coordinator"])
    url = f"/lv/activities/{activity.pk}/groups/"
    assert f'href="{url}"' in client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert client.post(url, {"form": "breakout", "b-theme_lv": "Tūrisms", "b-capacity": "8"}).status_code == 302
    group = Breakout.objects.get(activity=activity)
    assert (group.theme_lv, group.capacity) == ("Tūrisms", 8)
    assert client.post(url, {"form": "quota", "q-organisation": str(host).replace("ė", "e").upper(), "q-seats": "3",
                             "q-breakout": group.pk}).status_code == 302
    quota = Quota.objects.get(activity=activity)
    assert (quota.organisation, quota.seats, quota.breakout) == (host, 3, group)
    page = client.get(url).content.decode()
    assert "Tūrisms" in page and str(host) in page
    response = client.post(url, {"form": "quota", "q-organisation": host.slug, "q-seats": "-1"})
    assert response.status_code == 200 and Quota.objects.get().seats == 3
    assert client.post(f"/lv/activities/{activity.pk}/quotas/{quota.pk}/remove/").status_code == 302
    assert client.post(f"/lv/activities/{activity.pk}/groups/{group.pk}/remove/").status_code == 302
    assert not Quota.objects.exists() and not Breakout.objects.exists()


def test_a_raised_quota_offers_the_freed_seats_to_the_waiting_list(visit, client):
    activity, host, coordinator = visit["activity"], visit["host"], visit["coordinator"]
    services.set_quota(activity=activity, organisation=host, seats=1, by=coordinator)
    first, second = factories.employee(host, first_name="Rūta"), factories.employee(host, first_name="Jonas")
    services.register(activity=activity, person=first, by=coordinator)
    waiting = services.register(activity=activity, person=second, by=coordinator)
    assert waiting.status == Registration.Status.WAITLISTED
    client.force_login(coordinator)
    client.post(f"/lv/activities/{activity.pk}/groups/", {"form": "quota", "q-organisation": host.slug,
                                                         "q-seats": "2"})
    waiting.refresh_from_db()
    assert waiting.status != Registration.Status.WAITLISTED  # offered (or given) the seat, as the service does


def test_materials_are_checked_for_type_and_shown(visit, client):
    activity = visit["activity"]
    client.force_login(visit["coordinator"])
    url = f"/en/activities/{activity.pk}/materials/"
    bad = SimpleUploadedFile("agenda.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url, {"title": "Agenda", "file": bad})
    assert response.status_code == 200 and not Material.objects.exists()
    assert client.post(url, {"title": "Programme", "link": "https://example.org/programme.pdf"}).status_code == 302
    response = client.post(url, {"title": "No file"})
    assert "Give a link or upload a file." in response.content.decode()
    material = Material.objects.get()
    assert "Programme" in client.get(url).content.decode()
    assert client.post(f"/en/activities/{activity.pk}/materials/{material.pk}/remove/").status_code == 302
    assert not Material.objects.exists()


def test_strangers_may_not_change_groups_quotas_or_materials(visit, client):
    activity = visit["activity"]
    client.force_login(factories.user())
    for url in (f"/en/activities/{activity.pk}/groups/", f"/en/activities/{activity.pk}/materials/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/en/activities/{activity.pk}/groups/", {"form": "breakout", "b-theme_lv": "X"}
                       ).status_code == 403
    assert not Breakout.objects.exists()


def test_the_groups_page_runs_the_same_queries_with_one_or_twenty_groups(visit, client, django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity, coordinator = visit["activity"], visit["coordinator"]
    client.force_login(coordinator)
    ContentType.objects.get_for_model(activity)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/activities/{activity.pk}/groups/").status_code == 200
        return len(queries)

    services.add_breakout(activity=activity, by=coordinator, theme_lv="Viena")
    one = count()
    for number in range(19):
        group = services.add_breakout(activity=activity, by=coordinator, theme_lv=f"Grupa {number}")
        services.set_quota(activity=activity, organisation=factories.organisation(name=f"Iestāde {number}"),
                           seats=2, breakout=group, by=coordinator)
    assert count() == one


def test_a_vote_is_prepared_with_its_entries_and_opens_from_the_record_page(visit, client):
    from kopa.activities.models import Poll

    activity = visit["activity"]
    client.force_login(visit["coordinator"])
    url = f"/lv/activities/{activity.pk}/votes/new/"
    response = client.post(url, {"entries": "Viens\nDivi"})
    assert response.status_code == 200 and not Poll.objects.exists()  # the service asks for a question
    assert client.post(url, {"question_lv": "Labākais projekts?", "entries": "Ludza\n\nUtena\n",
                             "registered_only": "on"}).status_code == 302
    poll = Poll.objects.get()
    assert [entry.title for entry in poll.entries.order_by("pk")] == ["Ludza", "Utena"] and poll.registered_only
    assert "Labākais projekts?" in client.get(f"/lv/activities/{activity.pk}/record/").content.decode()


def test_a_follow_up_is_linked_by_its_title_and_unlinked(visit, client):
    activity, coordinator = visit["activity"], visit["coordinator"]
    later = services.create_activity(by=coordinator, project=activity.project, kind="seminar",
                                     title_lv="Apmaiņa jūnijā", start_date=date(2027, 6, 10),
                                     end_date=date(2027, 6, 10), registration_deadline=None)
    stranger = factories.activity(title_lv="Cita projekta seminārs")
    client.force_login(coordinator)
    url = f"/lv/activities/{activity.pk}/follow-ups/"
    response = client.post(url, {"follow_up": "Cita projekta seminārs"})
    assert response.status_code == 200  # not one of the user's own activities: refused, nothing changes
    stranger.refresh_from_db()
    assert stranger.announced_by is None
    assert client.post(url, {"follow_up": "apmaiņa jūnijā"}).status_code == 302
    later.refresh_from_db()
    assert later.announced_by == activity
    assert "Apmaiņa jūnijā" in client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert client.post(f"/lv/activities/{activity.pk}/follow-ups/{later.pk}/remove/").status_code == 302
    later.refresh_from_db()
    assert later.announced_by is None
