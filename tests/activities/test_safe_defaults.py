"""A new activity starts with safe defaults: registration closes the day before it starts, unless the coordinator
sets a deadline; nothing is invented for a past activity or a date only roughly known."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kopa.activities.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


def _new(client, **fields):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    data = {"kind": "training", "format": "in_person", "title_lv": "Apmācības", "project": project.pk,
            "date_precision": "day"} | fields
    response = client.post("/en/activities/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Activity.objects.get(title_lv="Apmācības")


def test_registration_closes_at_the_end_of_the_day_before_a_coming_activity(client):
    start = timezone.localdate() + timedelta(days=30)
    activity = _new(client, start_date=start.isoformat(), end_date=(start + timedelta(days=1)).isoformat())
    deadline = timezone.localtime(activity.registration_deadline)
    assert (deadline.date(), deadline.hour, deadline.minute) == (start - timedelta(days=1), 23, 59)


def test_a_deadline_the_coordinator_sets_is_kept(client):
    start = timezone.localdate() + timedelta(days=30)
    activity = _new(client, start_date=start.isoformat(), registration_deadline=f"{start.isoformat()}T09:00")
    assert timezone.localtime(activity.registration_deadline).date() == start


@pytest.mark.parametrize("fields", [
    {"start_date": "2018-05-29"},  # recorded from a source, long past
    {"date_precision": "month", "start_date": (date.today() + timedelta(days=60)).isoformat()},  # no day known
])
def test_no_deadline_is_invented_for_a_past_activity_or_a_rough_date(client, fields):
    assert _new(client, **fields).registration_deadline is None


def test_a_deadline_after_the_activity_is_still_refused(client):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    start = timezone.localdate() + timedelta(days=30)
    response = client.post("/en/activities/new/", {
        "kind": "training", "format": "in_person", "title_lv": "Vēlu", "project": project.pk, "date_precision": "day",
        "start_date": start.isoformat(), "end_date": start.isoformat(),
        "registration_deadline": f"{(start + timedelta(days=2)).isoformat()}T09:00"})
    assert response.status_code == 200
    assert "The registration deadline is after the activity." in response.content.decode()
    assert not Activity.objects.filter(title_lv="Vēlu").exists()


def test_a_new_activity_takes_the_seats_of_its_hosts_venue_unless_it_states_its_own(client):
    from kopa.directory import services as directory

    admin = factories.user(is_superuser=True)
    hall = factories.organisation(name="Utenos kultūros centras", country_code="LT")
    directory.update_organisation(organisation=hall, by=admin, venue_capacity=120)
    small = factories.organisation(name="Bibliotēka")
    directory.update_organisation(organisation=small, by=admin, venue_capacity=40)
    start = (timezone.localdate() + timedelta(days=30)).isoformat()
    activity = _new(client, start_date=start, hosts=f"{hall} [{hall.slug}]; {small} [{small.slug}]")
    assert activity.capacity == 40  # it must fit in each of its venues
    Activity.objects.all().delete()
    activity = _new(client, start_date=start, hosts=f"{hall} [{hall.slug}]", capacity="80")
    assert activity.capacity == 80
    Activity.objects.all().delete()
    assert _new(client, start_date=start).capacity is None  # no host, no seats invented


def test_a_partner_coordinator_states_the_seats_of_their_venue(client):
    hall = factories.organisation(name="Utenos kultūros centras", country_code="LT")
    client.force_login(factories.partner_coordinator(hall))
    assert client.post(f"/en/organisations/{hall.slug}/edit/", {
        "name_lv": hall.name_lv, "name_lt": hall.name_lt, "name_en": hall.name_en, "venue_capacity": "150"}
    ).status_code == 302
    hall.refresh_from_db()
    assert hall.venue_capacity == 150
    assert "Seats of its venue" in client.get(f"/en/organisations/{hall.slug}/").content.decode()
