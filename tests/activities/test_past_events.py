"""Past events recorded years later: people with the position they held then, attendance dated on the activity's
day, expected people who did not come, and an activity whose days are past reading as held by itself."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.activities.status import shown_status
from kopa.core.errors import DomainError
from kopa.directory import services as directory
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def visit():
    """A study visit three years ago that nobody marked as held."""
    project = factories.project(start_date=date(2022, 1, 1), end_date=date(2024, 12, 31))
    return factories.activity(project=project, kind="study_visit", status="planned", title_lv="Vizīte 2023",
                              start_date=date(2023, 9, 12), end_date=date(2023, 9, 13))


def test_an_activity_whose_days_are_past_reads_as_held_and_a_project_past_its_end_as_completed(visit, client):
    assert visit.status == "planned" and shown_status(visit) == "held"
    assert ">held<" in client.get(f"/en/activities/{visit.pk}/").content.decode()
    assert "held" in client.get("/en/activities/").content.decode()
    assert ">completed<" in client.get(f"/en/projects/{visit.project.pk}/").content.decode()
    future = factories.activity(status="planned", start_date=date(2099, 1, 1), end_date=date(2099, 1, 2))
    assert shown_status(future) == "planned"
    undated = services.create_activity(kind="forum", title_lv="Nav datuma", date_precision="unknown")
    assert shown_status(undated) == "planned"  # not assumed past
    announced = factories.activity(status="planned", start_date=date(2020, 1, 1), end_date=date(2020, 1, 1),
                                   provisional=True)
    assert shown_status(announced) == "planned"  # announced, never confirmed: not assumed held


def test_people_are_recorded_with_the_position_they_held_then_and_attendance_is_dated_on_the_day(visit):
    old_job = factories.organisation(name="Bijusī pārvalde")
    new_job = factories.organisation(name="Jaunā pārvalde")
    person = directory.save_person(first_name="Anna", last_name="Bērziņa")
    then = directory.save_position(person=person, organisation=old_job, titles={"lv": "Attīstības speciāliste"},
                                   start_date=date(2019, 1, 1), end_date=date(2024, 6, 30))
    directory.save_position(person=person, organisation=new_job, titles={"lv": "Vadītāja"},
                            start_date=date(2024, 7, 1))
    registration = services.record_attendance(activity=visit, person=person)
    assert registration.status == S.ATTENDED
    assert (registration.organisation, registration.position) == (old_job, then)
    assert timezone.localtime(registration.checked_in_at).date() == date(2023, 9, 12)


def test_expected_people_who_did_not_come_are_recorded_as_such(visit):
    organisation = factories.organisation()
    expected = factories.employee(organisation)
    registration = services.record_attendance(activity=visit, person=expected, attended=False)
    assert registration.status == S.NO_SHOW and registration.checked_in_at is None


def test_check_in_after_the_event_is_dated_on_the_activity_s_day_not_today(visit):
    services.set_status(activity=visit, status="open")
    registration = services.register(activity=visit, person=factories.employee(factories.organisation()),
                                     now=timezone.make_aware(datetime(2023, 9, 1, 10)))
    checked = services.check_in(registration=registration)
    assert timezone.localtime(checked.checked_in_at).date() == date(2023, 9, 12)


def test_attendance_afterwards_is_refused_for_an_activity_still_to_come_and_for_someone_else_s_position():
    future = factories.activity(status="planned", start_date=date(2099, 1, 1), end_date=date(2099, 1, 2))
    person = factories.employee(factories.organisation())
    with pytest.raises(DomainError) as refused:
        services.record_attendance(activity=future, person=person)
    assert refused.value.code == "future"
    past = factories.activity(status="planned", start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))
    other = factories.employee(factories.organisation())
    with pytest.raises(DomainError) as refused:
        services.record_attendance(activity=past, person=person, position=other.positions.get())
    assert refused.value.field == "position"
    assert not Registration.objects.exists()


def test_the_participation_page_records_a_person_afterwards(visit, client):
    coordinator = factories.programme_coordinator(visit.project)
    client.force_login(coordinator)
    person = factories.employee(factories.organisation())
    response = client.post(f"/en/activities/{visit.pk}/participation/", {
        "form": "attendance", "a-position": person.positions.get().pk, "a-attended": "yes"})
    assert response.status_code == 302
    assert Registration.objects.get(activity=visit, person=person).status == S.ATTENDED
    page = client.get(f"/en/activities/{visit.pk}/participation/").content.decode()
    assert str(person) in page
