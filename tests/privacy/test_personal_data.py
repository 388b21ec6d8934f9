"""Personal data: a person's export, erasure that leaves every figure as it was, and retention after a project."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from kopa.activities import services as activities
from kopa.activities.models import Activity, Photo, Registration
from kopa.activities.queries import registration_summary, took_part
from kopa.core.errors import DomainError, PermissionDenied
from kopa.demo import facts
from kopa.directory import services as directory
from kopa.directory.models import Person
from kopa.messaging.models import Message
from kopa.privacy import queries, services
from kopa.privacy.models import Consent, Erasure
from kopa.projects.indicators import achieved_values
from kopa.projects.models import Project
from kopa.surveys import results
from kopa.surveys import services as surveys
from kopa.surveys.models import Answer, Response
from tests import factories
from tests.surveys.helpers import questionnaire

NAME, EMAIL = ("Ilze", "Zvaigznīte"), "ilze.zvaigznite@example.lv"
ANSWERS = {"role": "head", "team": "12", "rank": ["quality", "it"], "topics": ["lean"], "satisfied": 4,
           "comment": "Ilze Zvaigznīte iesaka vairāk apmācību"}


@pytest.fixture(autouse=True)
def _language_kept():
    """Requests switch the language; what a test leaves behind is put back."""
    with translation.override("en"):
        yield


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def case(demo):
    """A demo participant who attended an activity of the coordinated project, answered an identified survey,
    was mailed its invitation, gave consent to photos and is shown in one."""
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    registration = (Registration.objects.filter(activity__project=project, status=Registration.Status.ATTENDED)
                    .select_related("person", "activity", "organisation").order_by("pk").first())
    person = directory.save_person(first_name=NAME[0], last_name=NAME[1], email=EMAIL, person=registration.person)
    survey = questionnaire(project, anonymous=False)
    surveys.invite(questionnaire=survey, organisations=[registration.organisation])
    invitation = survey.invitations.get(person=person)
    surveys.submit(questionnaire=survey, answers=ANSWERS, invitation=invitation)
    services.record_consent(person=person, kind=Consent.Kind.PHOTOS, given=True, how=Consent.How.FORM, by=None)
    photo = activities.add_photo(activity=registration.activity, caption_lv=f"{NAME[0]} {NAME[1]} uzstājas",
                                 caption_lt="Pranešimas", caption_en="A talk")
    photo.people.add(person)
    return {"project": project, "activity": registration.activity, "person": person, "survey": survey,
            "photo": photo}


def _figures(case) -> dict:
    """Every figure the erasure must leave as it was."""
    project, activity, survey = case["project"], case["activity"], case["survey"]
    summary = registration_summary(activity)
    part = took_part(activity)
    return {
        "indicators": achieved_values(project, list(project.indicators.all())),
        "by_status": summary["by_status"],
        "per_organisation": [(o.pk, o.registered, o.seated, o.attended, o.waiting)
                             for o in summary["per_organisation"]],
        "took_part": [(row["organisation"].pk, row["named"]) for row in part["participating_organisations"]],
        "municipalities": [(m.pk, m.participants) for m in part["participating_municipalities"]],
        "registered_count": part["registered_count"],
        "response_rates": [(r["organisation_id"], r["invited"], r["answered"])
                           for r in results.response_rates(survey)],
        "distributions": [(r.question.code, r.respondents, [c["count"] for c in r.choices], r.mean)
                          for r in results.distributions(survey)],
        "responses": Response.objects.filter(questionnaire=survey).count(),
        "project_registrations": Registration.objects.filter(activity__project=project).count(),
    }


def _pages(client, case) -> dict[str, str]:
    """Every page, export and API answer that lists the activity's or the project's participants."""
    activity, project, survey = case["activity"], case["project"], case["survey"]
    client.force_login(_user("admin"))
    pages = {
        "registrations page": f"/lv/activities/{activity.pk}/registrations/",
        "project people": f"/lv/activities/projects/{project.pk}/people/",
        "registrations export": f"/lv/activities/{activity.pk}/registrations/?format=csv",
        "activity export": f"/lv/activities/{activity.pk}/participants/?format=csv",
        "project export": f"/lv/activities/projects/{project.pk}/participants/?format=csv",
        "survey results": f"/lv/surveys/{survey.pk}/results/",
        "survey export": f"/lv/surveys/{survey.pk}/export.csv",
        "api registrations": f"/api/activities/{activity.pk}/registrations?limit=100",
        "api activity": f"/api/activities/{activity.pk}",
    }
    seen = {}
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[label] = body.decode()
    client.force_login(_user("coordinator"))
    seen["coordinator's workspace"] = client.get("/lv/my-work/").content.decode()
    client.logout()
    return seen


def test_erasing_a_participant_removes_them_from_every_page_and_keeps_every_figure(case, client):
    person, admin = case["person"], _user("admin")
    before = _figures(case)
    pages = _pages(client, case)
    listed = {label for label, html in pages.items() if NAME[1] in html}  # before: the check below can fail
    assert {"registrations export", "activity export", "project export", "survey export"} <= listed, listed
    assert EMAIL in pages["registrations export"]

    erasure = services.erase_person(person=person, by=admin, reason="Asked by e-mail, ticket 42")

    assert _figures(case) == before
    for label, html in _pages(client, case).items():
        assert NAME[1] not in html and EMAIL not in html, label
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email) == ("Dzēsta persona", f"#{person.pk}", "")
    assert person.erased_at is not None and not person.photo_consent
    assert not Answer.objects.filter(text__icontains=NAME[1]).exists()  # the free text no longer names her
    message = Message.objects.filter(person=person).get()
    assert (message.to_address, message.body_text) == ("", "")
    photo = Photo.objects.get(pk=case["photo"].pk)
    assert not photo.people.exists() and NAME[1] not in photo.caption_lv
    assert (erasure.by, erasure.person_number, erasure.reason) == (admin, person.pk, "Asked by e-mail, ticket 42")
    assert NAME[1] not in json.dumps(erasure.changed) and erasure.changed["messages"] == 1
    assert Consent.objects.filter(person=person, kind=Consent.Kind.PHOTOS, given=False,
                                  how=Consent.How.ERASURE).exists()
    with pytest.raises(DomainError) as refused:
        services.erase_person(person=person, by=admin, reason="again")
    assert refused.value.code == "erased"


def test_the_erased_account_can_no_longer_sign_in_and_only_an_administrator_erases(demo, client):
    participant = _user("participant")
    person = participant.person
    with pytest.raises(PermissionDenied):
        services.erase_person(person=person, by=_user("coordinator"), reason="no")
    with pytest.raises(DomainError) as refused:
        services.erase_person(person=person, by=_user("admin"), reason="  ")
    assert refused.value.field == "reason"
    services.erase_person(person=person, by=_user("admin"), reason="Left the project")
    participant.refresh_from_db()
    assert not participant.is_active and participant.username == f"erased-{participant.pk}"
    assert not participant.has_usable_password() and not Person.objects.filter(user=participant).exists()
    response = client.post(reverse("accounts:login"), {"username": "participant", "password": facts.DEMO_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session  # refused, form shown again


def test_a_person_downloads_their_own_data_and_no_one_else_but_an_administrator(demo, client):
    participant = _user("participant")
    person = participant.person
    activity = Activity.objects.filter(status=Activity.Status.OPEN).order_by("pk").first()
    activities.register(activity=activity, person=person, organisation=person.positions.first().organisation,
                        by=_user("admin"))
    services.record_consent(person=person, kind=Consent.Kind.PUBLICATION, given=True, how=Consent.How.PAGE,
                            by=participant)
    Message.objects.create(kind="mailing", person=person, to_address="p@example.lv", language="lv",
                           subject="Ielūgums uz semināru", body_text="Sveiki!")

    client.force_login(participant)
    page = client.get("/lv/privacy/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert str(activity.title) in html and "Ielūgums uz semināru" in html
    exported = client.get("/lv/privacy/?format=json")
    assert exported["Cache-Control"] == "no-store" and "attachment" in exported["Content-Disposition"]
    data = json.loads(exported.content)
    assert data["person"]["last_name"] == person.last_name
    assert [r["activity"] for r in data["registrations"]] == [str(activity)]
    assert "Ielūgums uz semināru" in [m["subject"] for m in data["messages"]]
    assert [(c["given"], c["by"]) for c in data["consents"]] == [(True, "participant")]
    assert "/lv/privacy/" in client.get("/lv/my-work/").content.decode()  # linked from the dashboard

    assert client.get(f"/lv/privacy/people/{person.pk}/").status_code == 200  # their own, by number too
    client.force_login(_user("coordinator"))
    assert client.get(f"/lv/privacy/people/{person.pk}/?format=json").status_code == 404
    assert client.get(f"/lv/privacy/people/{person.pk}/erase/").status_code == 404
    client.force_login(_user("admin"))
    assert json.loads(client.get(f"/lv/privacy/people/{person.pk}/?format=json").content)["person"]["number"] \
        == person.pk


def test_an_administrator_erases_from_the_page_with_a_reason(demo, client):
    person = _user("participant").person
    client.force_login(_user("admin"))
    assert client.post(f"/lv/privacy/people/{person.pk}/erase/", {"reason": ""}).status_code == 400
    response = client.post(f"/lv/privacy/people/{person.pk}/erase/", {"reason": "Asked in person"})
    assert response.status_code == 302
    assert Erasure.objects.get().person_number == person.pk


def _end_project_long_ago(project, years_ago: int):
    Project.objects.filter(pk=project.pk).update(end_date=date.today() - timedelta(days=365 * years_ago))
    project.refresh_from_db()


def _participants(project):
    return set(Person.objects.filter(registrations__activity__project=project).values_list("pk", flat=True))


def test_retention_erases_the_participants_of_an_expired_project_once_and_keeps_its_figures(case):
    project = case["project"]
    project.programme.retention_years = 5
    project.programme.save()
    _end_project_long_ago(project, 6)
    participants = _participants(project)
    # Someone who also took part in a project still within retention is kept.
    kept = Person.objects.get(pk=case["person"].pk)
    other = Project.objects.exclude(pk=project.pk).order_by("pk").first()
    Project.objects.filter(pk=other.pk).update(end_date=date.today() + timedelta(days=30))
    elsewhere = factories.activity(project=other)
    activities.register(activity=elsewhere, person=kept, organisation=kept.positions.first().organisation)
    expected = {p.pk for p in queries.people_to_erase(date.today())}
    assert expected and kept.pk not in expected and expected <= participants
    before = _figures(case)

    out = StringIO()
    call_command("erase_expired", "--dry-run", stdout=out)
    assert f"would erase {len(expected)} person(s)" in out.getvalue()
    assert not Person.objects.filter(erased_at__isnull=False).exists() and not Erasure.objects.exists()

    out = StringIO()
    call_command("erase_expired", stdout=out)
    report = out.getvalue()
    assert f"erased {len(expected)} person(s)" in report and project.code in report and "expires next:" in report
    assert set(Person.objects.filter(erased_at__isnull=False).values_list("pk", flat=True)) == expected
    assert Erasure.objects.filter(by__isnull=True).count() == len(expected)
    assert _figures(case) == before
    kept.refresh_from_db()
    assert kept.erased_at is None and kept.last_name == NAME[1]

    out = StringIO()
    call_command("erase_expired", stdout=out)
    assert "erased 0 person(s)" in out.getvalue()
    assert Erasure.objects.count() == len(expected)


def test_retention_follows_the_programme_or_the_site_default_and_shows_what_expires_next(demo, settings):
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    settings.KOPA_RETENTION_YEARS = 10
    project.programme.retention_years = None
    project.programme.save()
    Project.objects.filter(pk=project.pk).update(end_date=date(2020, 6, 30))
    project.refresh_from_db()
    assert queries.retention_end(project) == date(2030, 6, 30)
    project.programme.retention_years = 3
    project.programme.save()
    project.refresh_from_db()
    assert queries.retention_end(project) == date(2023, 6, 30)
    assert project not in queries.expired_projects(date(2023, 6, 30))
    assert project in queries.expired_projects(date(2023, 7, 1))
    assert (project, date(2023, 7, 1)) in queries.next_to_expire(date(2023, 1, 1), 50)


def test_the_person_admin_leads_an_administrator_to_the_export_and_the_erasure(demo, client):
    person = _user("participant").person
    client.force_login(_user("admin"))
    for action, page in (("personal_data", f"/privacy/people/{person.pk}/"),
                         ("erase", f"/privacy/people/{person.pk}/erase/")):
        response = client.post("/lv/admin/directory/person/", {"action": action, "_selected_action": [person.pk]})
        assert response.status_code == 302 and response["Location"].endswith(page), action
    client.force_login(_user("coordinator"))  # staff, but no administrator: the erase action is not offered
    changelist = client.get("/lv/admin/directory/person/")
    assert changelist.status_code in (200, 403) and 'value="erase"' not in changelist.content.decode()


def test_a_consent_is_recorded_with_when_and_how_and_mirrored_on_the_person(demo):
    participant = _user("participant")
    person = participant.person
    services.record_consent(person=person, kind=Consent.Kind.PHOTOS, given=True, how=Consent.How.PAGE,
                            by=participant)
    services.record_consent(person=person, kind=Consent.Kind.MAILINGS, given=False, how=Consent.How.PAGE,
                            by=participant)
    person.refresh_from_db()
    assert person.photo_consent and person.mail_opt_out
    services.record_consent(person=person, kind=Consent.Kind.PHOTOS, given=False, how=Consent.How.ADMIN,
                            by=_user("admin"))
    person.refresh_from_db()
    assert not person.photo_consent
    assert list(Consent.objects.filter(person=person, kind=Consent.Kind.PHOTOS).values_list("given", "how")) == [
        (True, "page"), (False, "admin")]
    with pytest.raises(PermissionDenied):
        services.record_consent(person=person, kind=Consent.Kind.PHOTOS, given=True, how=Consent.How.PAGE,
                                by=_user("coordinator"))
