"""The back office's inlines (programme, groups, outcomes, materials) save through the services the organiser pages
use: the same rules, the same stored values, and a refusal shown on the row, with nothing changed."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from kopa.activities import services
from kopa.activities.models import Breakout, Material, Outcome, ProgrammeItem, Registration
from kopa.activities.services.materials import add_material
from kopa.core.errors import DomainError
from tests import factories
from tests.activities.test_back_office_services import _change_form

pytestmark = pytest.mark.django_db
OUTSIDE = "The day is outside the dates of the activity."


@pytest.fixture
def admin_client(client):
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    return client


def _url(activity):
    return f"/en/admin/activities/activity/{activity.pk}/change/"


def _new_row(data, prefix, **fields):
    """One more row of the inline `prefix`, as the admin's "add another" would send it."""
    number = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(number + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{number}-{name}"] = [value]
    return data


def test_a_programme_item_outside_the_activitys_days_is_refused_in_the_back_office_as_on_the_pages(admin_client):
    activity = factories.activity(start_date=date(2031, 5, 27), end_date=date(2031, 5, 28))
    item = services.add_programme_item(activity=activity, day=date(2031, 5, 28), title_lv="Bibliotēka")
    with translation.override("en"), pytest.raises(DomainError, match=OUTSIDE):  # the organiser pages' rule
        services.add_programme_item(activity=activity, day=date(2031, 6, 2), title_lv="Muzejs")
    data = _change_form(admin_client, _url(activity))
    data["programme-0-day"] = ["2031-06-02"]
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 200 and OUTSIDE in response.content.decode()
    item.refresh_from_db()
    assert item.day == date(2031, 5, 28)

    data = _change_form(admin_client, _url(activity))
    _new_row(data, "programme", title_lv="Muzejs", day="2031-06-02", kind="visit", position="0")
    capacity = data["capacity"] = ["99"]
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 200 and OUTSIDE in response.content.decode()
    activity.refresh_from_db()
    assert ProgrammeItem.objects.filter(activity=activity).count() == 1 and activity.capacity != int(capacity[0])


def test_a_programme_item_added_in_the_back_office_is_stored_as_the_service_stores_it(admin_client):
    activity = factories.activity(start_date=date(2031, 5, 27), end_date=date(2031, 5, 28))
    data = _new_row(_change_form(admin_client, _url(activity)), "programme", title_lv="Muzejs", kind="visit",
                    position="0", stated_day="28", stated_month="5")
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    # A day and month in an activity whose year is known becomes that date, as add_programme_item makes it.
    assert [(i.title_lv, i.day, i.stated_day) for i in activity.programme.all()] == [("Muzejs", date(2031, 5, 28),
                                                                                     None)]


def test_groups_outcomes_and_materials_change_in_the_back_office_through_their_services(admin_client):
    start = timezone.localdate() + timedelta(days=20)
    activity = factories.activity(start_date=start, end_date=start, capacity=10)
    group = services.add_breakout(activity=activity, theme_lv="Tūrisms", capacity=1)
    organisation = factories.organisation()
    seated, waiting = (services.register(activity=activity, person=factories.employee(organisation), breakout=group)
                       for _ in "ab")
    assert (seated.status, waiting.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    data = _change_form(admin_client, _url(activity))
    data["breakouts-0-capacity"] = ["2"]  # update_breakout offers the seat to the one waiting for the group
    _new_row(data, "outcomes", title_lv="Deklarācija")
    _new_row(data, "materials", title="Programma", link="https://example.org/programma.pdf")
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Breakout.objects.get(pk=group.pk).capacity == 2
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING and waiting.offer_expires_at is not None
    assert [o.title_lv for o in Outcome.objects.filter(activity=activity)] == ["Deklarācija"]
    assert [m.link for m in Material.objects.filter(activity=activity)] == ["https://example.org/programma.pdf"]


def test_a_material_of_a_type_we_do_not_take_is_refused_by_the_back_office_and_by_the_service(admin_client):
    activity = factories.activity()
    program = SimpleUploadedFile("programma.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(DomainError):
        add_material(activity=activity, by=None, title="Programma", file=program)
    data = _new_row(_change_form(admin_client, _url(activity)), "materials", title="Programma")
    data["materials-0-file"] = SimpleUploadedFile("programma.exe", b"MZ", content_type="application/octet-stream")
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 200 and not Material.objects.filter(activity=activity).exists()


def test_a_quota_given_to_another_organisation_in_the_back_office_leaves_none_behind(admin_client):
    activity = factories.activity(capacity=10)
    first, second = factories.organisation(), factories.organisation()
    services.set_quota(activity=activity, organisation=first, seats=2)
    data = _change_form(admin_client, _url(activity))
    data["quotas-0-organisation"] = [str(second.pk)]
    response = admin_client.post(_url(activity), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(q.organisation, q.seats) for q in activity.quotas.all()] == [(second, 2)]
