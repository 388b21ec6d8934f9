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
