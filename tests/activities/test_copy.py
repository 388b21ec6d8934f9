"""An activity copied for a new date keeps what was planned and leaves what happened: programme, groups,
sessions, people with a role, seats and quotas move with the date; registrations, outcomes and minutes stay."""

from datetime import date, time

import pytest

from kopa.activities import services
from kopa.activities.models import Activity, Contributor, Registration
from kopa.core.errors import DomainError, PermissionDenied
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    project = factories.project(code="COPY-1")
    coordinator = factories.programme_coordinator(project)
    host = factories.organisation(name="Uzņēmēja pašvaldība")
    activity = services.create_activity(
        by=coordinator, project=project, kind="study_visit", title_lv="Pieredzes brauciens", title_en="Study visit",
        start_date=date(2025, 5, 27), end_date=date(2025, 5, 29), capacity=30,
        registration_deadline=None, hosts=[host], organisers=[host])
    item = services.add_programme_item(activity=activity, by=coordinator, day=date(2025, 5, 28),
                                       start_time=time(10, 0), title_lv="Bibliotēka", place=host)
    person = factories.employee(host, first_name="Vadītāja")
    services.add_contributor(activity=activity, by=coordinator, role="presenter", programme_item=item,
                             position=person.positions.get())
    group = services.add_breakout(activity=activity, by=coordinator, theme_lv="Tūrisms", capacity=10)
    services.set_quota(activity=activity, by=coordinator, organisation=host, seats=5)
    services.add_session(activity=activity, by=coordinator, title_lv="Otrā pilsēta", date_precision="day",
                         start_date=date(2025, 5, 29), end_date=date(2025, 5, 29))
    services.set_status(activity=activity, status="open", by=coordinator)
    services.register(activity=activity, person=person, by=coordinator)
    return {"activity": activity, "coordinator": coordinator, "group": group, "person": person}


def test_a_copy_for_next_year_moves_the_plan_and_leaves_what_happened(visit):
    original = visit["activity"]
    copy = services.copy_activity(activity=original, by=visit["coordinator"], start_date=date(2026, 5, 26))
    assert (copy.start_date, copy.end_date, copy.status) == (date(2026, 5, 26), date(2026, 5, 28), "planned")
    assert (copy.title_lv, copy.title_en, copy.capacity, copy.project) == ("Pieredzes brauciens", "Study visit", 30,
                                                                          original.project)
    assert [(i.day, i.title_lv, i.place) for i in copy.programme.all()] == [
        (date(2026, 5, 27), "Bibliotēka", original.hosts.get())]
    presenter = Contributor.objects.get(activity=copy)
    assert presenter.programme_item.activity == copy and presenter.position.person == visit["person"]
    assert [(b.theme_lv, b.capacity) for b in copy.breakouts.all()] == [("Tūrisms", 10)]
    assert [q.seats for q in copy.quotas.all()] == [5]
    assert [(s.title_lv, s.start_date) for s in copy.sessions.all()] == [("Otrā pilsēta", date(2026, 5, 28))]
    assert list(copy.hosts.all()) == list(original.hosts.all())
    assert not Registration.objects.filter(activity=copy).exists()
    assert Registration.objects.filter(activity=original).count() == 1


def test_copying_is_for_those_who_may_change_the_original_and_needs_a_date(visit, client):
    outsider = factories.programme_coordinator(factories.project(code="OTHER"))
    with pytest.raises(PermissionDenied):
        services.copy_activity(activity=visit["activity"], by=outsider, start_date=date(2026, 5, 26))
    with pytest.raises(DomainError):
        services.copy_activity(activity=visit["activity"], by=visit["coordinator"], start_date=None)
    assert Activity.objects.count() == 1
    client.force_login(outsider)
    assert client.get(f"/lv/activities/{visit['activity'].pk}/copy/").status_code == 403


def test_a_coordinator_copies_from_the_activity_page(visit, client):
    client.force_login(visit["coordinator"])
    page = client.get(f"/en/activities/{visit['activity'].pk}/").content.decode()
    assert f"/en/activities/{visit['activity'].pk}/copy/" in page
    response = client.post(f"/en/activities/{visit['activity'].pk}/copy/", {"start_date": "not a day"})
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    assert Activity.objects.count() == 1
    response = client.post(f"/en/activities/{visit['activity'].pk}/copy/", {"start_date": "2026-05-26"})
    copy = Activity.objects.exclude(pk=visit["activity"].pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/activities/{copy.pk}/edit/")
