import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.projects import services as project_services
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _activity_with(registrations: int):
    """Many registrations written in bulk (test data only); the pages then read them as usual."""
    from kopa.directory.models import Person, Position

    activity = factories.activity(kind="study_visit")
    organisations = [factories.organisation(municipality=factories.municipality()) for _ in range(5)]
    people = Person.objects.bulk_create(
        [Person(first_name="Parauga", last_name=f"Dalībnieks {n}") for n in range(registrations)]
    )
    Position.objects.bulk_create(
        [
            Position(person=p, organisation=organisations[n % 5], title="Speciālists", title_lv="Speciālists")
            for n, p in enumerate(people)
        ]
    )
    Registration.objects.bulk_create(
        [
            Registration(
                activity=activity,
                person=p,
                organisation=organisations[n % 5],
                status=S.ATTENDED if n % 2 else S.CONFIRMED,
            )
            for n, p in enumerate(people)
        ]
    )
    services.add_outcome(activity=activity, title_lv="Projekta īstenošanas panākumu formula")
    return activity


def test_the_activity_page_and_registration_list_run_fixed_queries_at_10_or_1000_registrations(client):
    small, large = _activity_with(10), _activity_with(1000)
    client.get(small.get_absolute_url())  # warm: the first request reads what is then cached (kinds, the site)
    assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url())
    admin = factories.user(is_superuser=True)
    client.force_login(admin)
    small_list = f"/en/activities/{small.pk}/registrations/"
    large_list = f"/en/activities/{large.pk}/registrations/"
    assert _queries(client, small_list) == _queries(client, large_list)


def test_the_activity_page_shows_participating_municipalities_and_outcomes(client):
    activity = _activity_with(6)
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "Projekta īstenošanas panākumu formula" in html
    municipality = Registration.objects.filter(activity=activity).first().organisation.municipality
    assert municipality.name_lv in html


def test_a_partner_coordinator_registers_two_colleagues_and_the_organiser_closes(client):
    project = factories.project()
    indicator = project_services.add_indicator(
        project=project,
        rule="distinct_participants",
        target=20,
        activity_kind="training",
        name_lv="Apmācītie",
        unit_lv="cilv.",
    )
    organiser_org = factories.organisation()
    activity = factories.activity(project=project, organiser=organiser_org, capacity=1)
    own = factories.organisation()
    anna, peter = factories.employee(own, last_name="Ozola"), factories.employee(own, last_name="Kalns")
    client.force_login(factories.partner_coordinator(own))
    url = f"/en/activities/{activity.pk}/registrations/"
    for person in (anna, peter):
        response = client.post(url, {"person": person.pk, "waitlist": "on"})
        assert response.status_code == 302
    assert dict(Registration.objects.values_list("person__last_name", "status")) == {
        "Ozola": S.CONFIRMED,
        "Kalns": S.WAITLISTED,
    }
    # The coordinator cannot check people in.
    registration = Registration.objects.get(person=anna)
    response = client.post(f"/en/activities/{activity.pk}/registrations/{registration.pk}/", {"action": "check_in"})
    assert response.status_code == 403

    client.force_login(factories.partner_coordinator(organiser_org))
    client.post(f"/en/activities/{activity.pk}/registrations/{registration.pk}/", {"action": "check_in"})
    response = client.post(f"/en/activities/{activity.pk}/close/", {"minutes_lv": "Notika."})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == S.ATTENDED
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert indicator.name_lv in page or "Apmācītie" in page
    assert '1 <span class="meta">(5.0%)</span>' in page


def test_the_list_filters_by_kind_and_municipality(client):
    host = factories.municipality(name="Utenos rajono savivaldybė", country_code="LT")
    visit = factories.activity(kind="study_visit", title_lv="Pieredzes apmaiņa Utenā")
    visit.host_municipalities.add(host)
    factories.activity(kind="webinar", title_lv="Vebinārs")
    html = client.get("/lv/activities/?kind=study_visit").content.decode()
    assert "Pieredzes apmaiņa Utenā" in html and "Vebinārs" not in html
    html = client.get(f"/lv/activities/?municipality={host.code}").content.decode()
    assert "Pieredzes apmaiņa Utenā" in html and "Vebinārs" not in html


def test_a_participant_signs_up_on_the_activity_page(client):
    from kopa.directory import services as directory

    activity = factories.activity(capacity=5)
    user = factories.user()
    person = factories.employee(factories.organisation(), first_name="Ilze", last_name="Ozola")
    directory.save_person(first_name="Ilze", last_name="Ozola", person=person, user=user)
    client.force_login(user)
    assert "Sign up" in client.get(f"/en/activities/{activity.pk}/").content.decode()
    client.post(f"/en/activities/{activity.pk}/sign-up/")
    assert Registration.objects.get(person=person).status == S.CONFIRMED
    assert "You are registered: confirmed." in client.get(f"/en/activities/{activity.pk}/").content.decode()


def test_a_breakout_has_its_own_seats():
    activity = factories.activity(capacity=10)
    group = services.add_breakout(activity=activity, theme_lv="Politiskā līderība", capacity=1)
    org = factories.organisation()
    first = services.register(activity=activity, person=factories.employee(org), breakout=group)
    second = services.register(activity=activity, person=factories.employee(org), breakout=group)
    elsewhere = services.register(activity=activity, person=factories.employee(org))
    assert (first.status, second.status, elsewhere.status) == (S.CONFIRMED, S.WAITLISTED, S.CONFIRMED)


def test_the_hourly_command_passes_expired_offers_on():
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    activity = factories.activity(capacity=1, offer_hours=1)
    org = factories.organisation()
    seated = services.register(activity=activity, person=factories.employee(org))
    second = services.register(activity=activity, person=factories.employee(org))
    third = services.register(activity=activity, person=factories.employee(org))
    services.cancel(registration=seated, now=timezone.now() - timedelta(hours=3))
    call_command("expire_offers", stdout=open("/dev/null", "w"))
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (S.CANCELLED, S.PENDING)


def test_an_organiser_opens_registration_on_the_page(client):
    activity = factories.activity(status="planned")
    client.force_login(factories.partner_coordinator(activity.organisers.get()))
    client.post(f"/en/activities/{activity.pk}/status/", {"status": "open"})
    activity.refresh_from_db()
    assert activity.status == "open"
    response = client.post(f"/en/activities/{activity.pk}/status/", {"status": "closed"}, follow=True)
    assert "cannot become" in response.content.decode()
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert client.post(f"/en/activities/{activity.pk}/status/", {"status": "held"}).status_code == 403


def test_a_crafted_next_address_does_not_send_people_elsewhere(client):
    activity = factories.activity()
    admin = factories.user(is_superuser=True)
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()))
    client.force_login(admin)
    response = client.post(
        f"/en/activities/{activity.pk}/registrations/{registration.pk}/",
        {"action": "check_in", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/en/activities/{activity.pk}/registrations/"
