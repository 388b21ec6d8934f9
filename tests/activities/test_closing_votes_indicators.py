import re
from decimal import Decimal

import pytest
from django.utils import translation

from kopa.activities import services
from kopa.activities.models import Ballot, Photo
from kopa.core.errors import DomainError, PermissionDenied
from kopa.directory import services as directory
from kopa.projects import services as project_services
from kopa.projects.indicators import achieved_values
from tests import factories

pytestmark = pytest.mark.django_db


def _attend(activity, person):
    registration = services.register(activity=activity, person=person)
    services.check_in(registration=registration)
    return registration


def test_indicators_equal_what_attendance_says():
    project = factories.project()
    visits = project_services.add_indicator(
        project=project,
        rule="activities_held",
        target=Decimal(3),
        activity_kind="study_visit",
        name_lv="Vizītes",
        unit_lv="gab.",
    )
    trained = project_services.add_indicator(
        project=project,
        rule="distinct_participants",
        target=Decimal(100),
        activity_kind="training",
        name_lv="Apmācītie",
        unit_lv="cilv.",
    )
    orgs = project_services.add_indicator(
        project=project, rule="organisations_participating", target=Decimal(10), name_lv="Iestādes", unit_lv="gab."
    )
    a, b = factories.organisation(), factories.organisation()
    anna, peter, ilze = factories.employee(a), factories.employee(a), factories.employee(b)
    training1 = factories.activity(project=project, kind="training")
    training2 = factories.activity(project=project, kind="training")
    visit = factories.activity(project=project, kind="study_visit")
    for person in (anna, peter):
        _attend(training1, person)
    _attend(training2, anna)  # anna twice: counted once
    services.register(activity=training2, person=ilze)  # registered, never came
    _attend(visit, ilze)
    values = achieved_values(project, [visits, trained, orgs])
    # Nothing counts until the activities were held.
    assert values == {visits.pk: 0, trained.pk: 0, orgs.pk: 0}
    for activity in (training1, training2, visit):
        services.close_activity(activity=activity)
    values = achieved_values(project, [visits, trained, orgs])
    assert values == {visits.pk: 1, trained.pk: 2, orgs.pk: 2}


def test_the_project_page_shows_achieved_against_target(client):
    project = factories.project()
    project_services.add_indicator(
        project=project,
        rule="distinct_participants",
        target=Decimal(100),
        activity_kind="training",
        name_lv="Apmācītie",
        unit_lv="cilv.",
    )
    training = factories.activity(project=project, kind="training")
    _attend(training, factories.employee(factories.organisation()))
    services.close_activity(activity=training)
    html = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert re.search(r"<td class=\"num\">1 <span class=\"meta\">\(1.0%\)</span></td>", html)


def test_one_person_cannot_vote_twice_and_a_closed_vote_refuses():
    activity = factories.activity(kind="webinar")
    org = factories.organisation()
    user = factories.user()
    person = factories.employee(org)
    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person, user=user)
    services.register(activity=activity, person=person, by=user)
    poll = services.create_poll(
        activity=activity,
        question_lv="Labākais video?",
        entries=[{"title": f"Video {n}", "link": f"https://example.org/{n}"} for n in range(6)],
    )
    with pytest.raises(DomainError):
        services.cast_vote(poll=poll, entry=poll.entries.first(), by=user)  # not open yet
    services.set_poll_status(poll=poll, status="open")
    services.cast_vote(poll=poll, entry=poll.entries.first(), by=user)
    with translation.override("en"), pytest.raises(DomainError, match="already voted"):
        services.cast_vote(poll=poll, entry=poll.entries.last(), by=user)
    outsider = factories.user()
    with pytest.raises(PermissionDenied):
        services.cast_vote(poll=poll, entry=poll.entries.first(), by=outsider)
    services.set_poll_status(poll=poll, status="closed")
    with translation.override("en"), pytest.raises(DomainError, match="This vote is closed."):
        services.cast_vote(poll=poll, entry=poll.entries.first(), by=factories.user())
    assert Ballot.objects.count() == 1


def test_a_photo_of_a_person_without_consent_cannot_be_made_public():
    activity = factories.activity()
    org = factories.organisation()
    consenting = factories.employee(org, photo_consent=True)
    refusing = factories.employee(org, first_name="Jānis", last_name="Bezpiekrišanas", photo_consent=False)
    photo = services.add_photo(activity=activity, caption_lv="Pie koncertzāles", people=[consenting, refusing])
    with translation.override("en"), pytest.raises(DomainError, match="did not agree") as error:
        services.publish_photo(photo=photo)
    assert "Bezpiekrišanas" in str(error.value)
    assert not Photo.objects.get(pk=photo.pk).is_public
    photo.people.remove(refusing)
    services.publish_photo(photo=photo)
    assert Photo.objects.get(pk=photo.pk).is_public
