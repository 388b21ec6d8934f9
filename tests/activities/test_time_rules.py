"""Rules of time: check-in from the first day, certificates after it, a deadline before the end, registration
closed past the deadline (latecomers by the organiser), minutes private unless published."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from kopa.activities import documents, services
from kopa.activities.models import Registration
from kopa.activities.status import REGISTRATION_CLOSED, certificate_ready, shown_status, shown_status_label
from kopa.core.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


def _ahead(days_to_start=10, length=2, **fields):
    today = timezone.localdate()
    start = today + timedelta(days=days_to_start)
    return factories.activity(start_date=start, end_date=start + timedelta(days=length), **fields)


def _on(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_check_in_before_the_start_day_is_refused_in_the_users_language():
    activity = _ahead()
    organiser = factories.partner_coordinator(activity.organisers.get())
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()))
    for language, words in (("lv", "Ierašanos vēl nevar atzīmēt"), ("en", "too early to check in")):
        with translation.override(language), pytest.raises(DomainError) as refused:
            services.check_in(registration=registration, by=organiser)
        assert words in str(refused.value)
        assert refused.value.code == "too_early"
    with pytest.raises(DomainError):
        services.check_in_by_token(activity=activity, token=registration.token, by=organiser)
    with pytest.raises(DomainError):
        services.mark_attendance(activity=activity, attended_ids={registration.pk}, by=organiser)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and registration.checked_in_at is None


def test_check_in_opens_on_the_first_day_and_the_tolerance_is_a_setting(settings):
    activity = _ahead()
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()))
    eve = activity.start_date - timedelta(days=1)
    with pytest.raises(DomainError):
        services.check_in(registration=registration, now=_on(eve, 18))
    settings.KOPA_CHECK_IN_DAYS_EARLY = 1  # arrivals the evening before
    assert services.check_in(registration=registration, now=_on(eve, 18)).status == S.ATTENDED
    settings.KOPA_CHECK_IN_DAYS_EARLY = 0
    other = services.register(activity=activity, person=factories.employee(factories.organisation()))
    assert services.check_in(registration=other, now=_on(activity.start_date)).status == S.ATTENDED


def test_a_session_opens_check_in_on_its_own_day():
    activity = _ahead(days_to_start=1, length=20)
    later = services.add_session(activity=activity, date_precision="day",
                                 start_date=activity.start_date + timedelta(days=10))
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()),
                                     session=later)
    with pytest.raises(DomainError):
        services.check_in(registration=registration, now=_on(activity.start_date))
    assert services.check_in(registration=registration, now=_on(later.start_date)).status == S.ATTENDED


def test_attendance_of_an_activity_held_years_ago_is_still_recorded():
    visit = factories.activity(status="planned")  # 29–30 May 2018, never moved to "held"
    organiser = factories.user(is_superuser=True)
    person = factories.employee(factories.organisation())
    recorded = services.record_attendance(activity=visit, person=person, by=organiser)
    assert recorded.status == S.ATTENDED
    assert recorded.checked_in_at == timezone.make_aware(datetime(2018, 5, 29, 9))  # dated on the day it was held
    open_visit = factories.activity()  # registrations of 2018 still checked in afterwards
    registration = services.register(activity=open_visit, person=person)
    checked_in = services.check_in(registration=registration, by=organiser)
    assert checked_in.status == S.ATTENDED and certificate_ready(checked_in)


def test_a_certificate_waits_for_the_last_day_in_the_pdf_and_on_the_pages(client):
    activity = _ahead(days_to_start=0, length=2)  # began today, ends in two days
    person = factories.employee(factories.organisation())
    registration = services.check_in(registration=services.register(activity=activity, person=person))
    assert not certificate_ready(registration)
    with translation.override("en"), pytest.raises(DomainError, match="once the activity has taken place"):
        documents.certificate(registration)
    admin = factories.user(is_superuser=True)
    client.force_login(admin)
    page = client.get(f"/en/activities/{activity.pk}/registrations/").content.decode()
    certificate_url = f"/activities/{activity.pk}/registrations/{registration.pk}/certificate.pdf"
    assert certificate_url not in page
    response = client.get("/en" + certificate_url)
    assert response.status_code == 302  # back to the activity, with the reason
    assert certificate_ready(registration, today=activity.end_date)
    services.close_activity(activity=activity)  # the organiser closed it: the record is complete
    registration.refresh_from_db()
    assert certificate_ready(registration)
    response = client.get("/en" + certificate_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert certificate_url in client.get(f"/en/activities/{activity.pk}/registrations/").content.decode()


def test_the_check_in_button_appears_from_the_first_day():
    from django.test import Client

    activity = _ahead()
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()))
    client = Client()
    client.force_login(factories.user(is_superuser=True))
    page = client.get(f"/en/activities/{activity.pk}/registrations/").content.decode()
    assert 'name="action" value="check_in"' not in page and f'name="attended" value="{registration.pk}"' not in page
    code_page = client.get(f"/en/activities/{activity.pk}/check-in/{registration.token}/").content.decode()
    assert "too early to check in" in code_page and "Confirm arrival" not in code_page
    today = factories.activity(start_date=timezone.localdate(), end_date=timezone.localdate())
    services.register(activity=today, person=factories.employee(factories.organisation()))
    assert 'name="action" value="check_in"' in client.get(f"/en/activities/{today.pk}/registrations/").content.decode()


def test_a_registration_deadline_after_the_end_is_refused_and_nothing_saved():
    activity = _ahead()
    after_the_end = _on(activity.end_date + timedelta(days=1))
    with translation.override("en"), pytest.raises(DomainError, match="deadline is after the activity") as refused:
        services.update_activity(activity=activity, registration_deadline=after_the_end, capacity=5)
    assert refused.value.field == "registration_deadline"
    activity.refresh_from_db()
    assert activity.registration_deadline is None and activity.capacity is None
    with pytest.raises(DomainError):
        _ahead(registration_deadline=after_the_end + timedelta(days=30))
    before = services.update_activity(activity=activity, registration_deadline=_on(activity.start_date, 0))
    assert before.registration_deadline == _on(activity.start_date, 0)


def test_past_the_deadline_registration_reads_closed_and_only_the_organiser_adds_latecomers(client):
    activity = _ahead()
    services.update_activity(activity=activity, registration_deadline=timezone.now() - timedelta(hours=1))
    activity.refresh_from_db()
    assert shown_status(activity) == REGISTRATION_CLOSED
    with translation.override("lv"):
        assert shown_status_label(activity) == "reģistrācija slēgta"
    with translation.override("en"):
        assert shown_status_label(activity) == "registration closed"
    organisation = factories.organisation()
    latecomer, participant = factories.employee(organisation), factories.employee(organisation)
    user = factories.user()
    participant.user = user
    participant.save()
    with translation.override("en"), pytest.raises(DomainError, match="deadline has passed"):
        services.register(activity=activity, person=participant, by=user)
    with pytest.raises(DomainError):  # a partner coordinator signs up staff like anyone else: by the deadline
        services.register(activity=activity, person=latecomer, by=factories.partner_coordinator(organisation))
    organiser = factories.partner_coordinator(activity.organisers.get())
    added = services.register(activity=activity, person=latecomer, by=organiser)
    assert added.status == S.CONFIRMED
    client.force_login(user)
    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert "registration closed" in page
    assert f'action="/en/activities/{activity.pk}/sign-up/"' not in page


def test_closing_with_minutes_keeps_them_private_unless_published(client):
    activity = factories.activity(title_lv="Pieredzes brauciens")
    admin = factories.user(is_superuser=True)
    client.force_login(admin)
    close_page = client.get(f"/en/activities/{activity.pk}/close/").content.decode()
    assert "What becomes public" in close_page and "The minutes stay private" in close_page
    response = client.post(f"/en/activities/{activity.pk}/close/", {"minutes_lv": "Jānis teica: budžets par mazu."})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "closed" and activity.minutes_lv and not activity.minutes_public
    assert "budžets par mazu" in client.get(f"/lv/activities/{activity.pk}/").content.decode()  # the organiser
    client.logout()
    assert "budžets par mazu" not in client.get(f"/lv/activities/{activity.pk}/").content.decode()  # the public

    published = factories.activity(title_lv="Otrs brauciens")
    client.force_login(admin)
    client.post(f"/en/activities/{published.pk}/close/", {"minutes_lv": "Vienojās par plānu.", "minutes_public": "on"})
    published.refresh_from_db()
    assert published.minutes_public
    client.logout()
    assert "Vienojās par plānu." in client.get(f"/lv/activities/{published.pk}/").content.decode()


def test_the_service_closes_with_private_minutes_by_default():
    activity = factories.activity()
    closed = services.close_activity(activity=activity, minutes={"en": "Budget discussed."})
    assert closed.minutes_en == "Budget discussed." and closed.minutes_public is False


def test_the_project_page_lists_the_projects_activities(client):
    project = factories.project()
    visit = factories.activity(project=project, title_lv="Pieredzes brauciens uz Uteni")
    factories.activity(title_lv="Cita projekta pasākums")
    page = client.get(f"/lv/projects/{project.pk}/").content.decode()
    assert "Pieredzes brauciens uz Uteni" in page and visit.get_absolute_url() in page
    assert "Cita projekta pasākums" not in page


def test_the_api_refuses_an_early_check_in_with_a_4xx_and_says_when_a_certificate_is_ready(client):
    import base64

    activity = _ahead()
    admin = factories.user(is_superuser=True)
    headers = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{admin.username}:pw-test-123".encode()).decode()}
    registration = services.register(activity=activity, person=factories.employee(factories.organisation()))
    response = client.post(f"/api/registrations/{registration.pk}/check-in", **headers, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "too early" in response.content.decode()
    past = factories.activity()
    held = services.register(activity=past, person=factories.employee(factories.organisation()))
    response = client.post(f"/api/registrations/{held.pk}/check-in", **headers)
    assert response.status_code == 200 and response.json()["certificate_ready"] is True
    listed = client.get(f"/api/activities/{activity.pk}/registrations", **headers).json()["items"]
    assert [row["certificate_ready"] for row in listed] == [False]


def test_past_the_deadline_the_organiser_adds_a_latecomer_on_the_registrations_page(client):
    activity = _ahead()
    services.update_activity(activity=activity, registration_deadline=timezone.now() - timedelta(hours=1))
    organisation = factories.organisation()
    latecomer = factories.employee(organisation)
    partner = factories.partner_coordinator(organisation)
    client.force_login(partner)
    page = client.get(f"/en/activities/{activity.pk}/registrations/").content.decode()
    assert "only the organiser can still add latecomers" in page and 'name="person"' not in page
    organiser = factories.partner_coordinator(activity.organisers.get())
    client.force_login(organiser)
    url = f"/en/activities/{activity.pk}/registrations/"
    page = client.get(url).content.decode()
    assert "you can still add latecomers" in page and "registration closed" in page
    assert client.post(url, {"person": latecomer.pk}).status_code == 302
    assert Registration.objects.get(activity=activity, person=latecomer).status == S.CONFIRMED
