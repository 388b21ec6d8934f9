"""The back office writes through the same services as the organiser pages (seat offers, quotas, the rules)."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from kopa.activities import services
from kopa.activities.models import Activity, Quota, Registration
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


class _FormFields(HTMLParser):
    """What the browser would send for the admin's change form, as the page renders it."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            else:
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append(tuple(self._textarea))
            self._textarea = None


def _change_form(client, url) -> dict:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    data: dict = {}
    for name, value in parser.data:
        if name == "csrfmiddlewaretoken" or "__prefix__" in name:
            continue
        data.setdefault(name, []).append(value)
    return data


def _full_activity(capacity=1):
    start = timezone.localdate() + timedelta(days=20)
    activity = factories.activity(capacity=capacity, start_date=start, end_date=start + timedelta(days=1))
    organisation = factories.organisation()
    seated = services.register(activity=activity, person=factories.employee(organisation))
    waiting = [services.register(activity=activity, person=factories.employee(organisation)) for _ in range(2)]
    assert seated.status == S.CONFIRMED and [w.status for w in waiting] == [S.WAITLISTED, S.WAITLISTED]
    return activity, organisation, waiting


def test_raising_capacity_in_the_back_office_offers_the_freed_seats_to_the_waiting_list(client):
    activity, _organisation, waiting = _full_activity(capacity=1)
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    url = f"/en/admin/activities/activity/{activity.pk}/change/"
    data = _change_form(client, url)
    assert data["capacity"] == ["1"]
    data["capacity"] = ["3"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    activity.refresh_from_db()
    assert activity.capacity == 3
    for registration in waiting:
        registration.refresh_from_db()
    # Exactly as the organiser page does (services.update_activity): each freed seat offered, with a deadline.
    assert [w.status for w in waiting] == [S.PENDING, S.PENDING]
    assert all(w.offer_expires_at is not None for w in waiting)


def test_the_organiser_page_and_the_back_office_offer_the_same_seats():
    activity, _organisation, waiting = _full_activity(capacity=1)
    services.update_activity(activity=activity, capacity=2)
    assert [Registration.objects.get(pk=w.pk).status for w in waiting] == [S.PENDING, S.WAITLISTED]


def test_a_deadline_after_the_end_is_refused_in_the_back_office_and_nothing_saved(client):
    activity, _organisation, _waiting = _full_activity(capacity=1)
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    url = f"/en/admin/activities/activity/{activity.pk}/change/"
    data = _change_form(client, url)
    after = activity.end_date + timedelta(days=3)
    data["registration_deadline_0"] = [after.isoformat()]
    data["registration_deadline_1"] = ["12:00:00"]
    data["capacity"] = ["5"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The registration deadline is after the activity." in response.content.decode()
    activity.refresh_from_db()
    assert activity.registration_deadline is None and activity.capacity == 1


def test_a_quota_raised_in_the_back_office_goes_through_set_quota(client):
    start = timezone.localdate() + timedelta(days=20)
    activity = factories.activity(capacity=10, start_date=start, end_date=start)
    organisation = factories.organisation()
    services.set_quota(activity=activity, organisation=organisation, seats=1)
    seated, extra = (services.register(activity=activity, person=factories.employee(organisation)) for _ in "ab")
    assert (seated.status, extra.status) == (S.CONFIRMED, S.WAITLISTED)  # the quota, not the seats, is full
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    url = f"/en/admin/activities/activity/{activity.pk}/change/"
    data = _change_form(client, url)
    seats_key = next(key for key in data if key.startswith("quota") and key.endswith("-seats"))
    assert data[seats_key] == ["1"]
    data[seats_key] = ["4"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Quota.objects.get(activity=activity, organisation=organisation).seats == 4
    extra.refresh_from_db()
    assert extra.status == S.PENDING and extra.offer_expires_at is not None


def test_a_new_activity_saved_in_the_back_office_goes_through_the_service(client):
    admin = factories.user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = "/en/admin/activities/activity/add/"
    data = _change_form(client, url)
    data.update({"kind": ["seminar"], "title_lv": ["Seminārs no biroja"], "date_precision": ["day"],
                 "start_date": ["2031-03-02"], "end_date": ["2031-03-02"]})
    data["registration_deadline_0"], data["registration_deadline_1"] = ["2031-03-05"], ["10:00:00"]
    response = client.post(url, data)
    assert response.status_code == 200 and not Activity.objects.filter(title_lv="Seminārs no biroja").exists()
    data["registration_deadline_0"] = ["2031-02-20"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Activity.objects.get(title_lv="Seminārs no biroja").registration_deadline.date().isoformat() == "2031-02-20"
