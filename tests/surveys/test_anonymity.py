"""Anonymous means anonymous: an anonymous response stores no organisation, department, position, person or
exact time, its invitation cannot be matched with it, and no group of fewer than the minimum (5) responses is
shown — on the page, in the export or through the API. (Issue 14, item 7.)"""

import base64
import importlib
from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from kopa.directory import services as directory
from kopa.directory.models import Department
from kopa.surveys import results, services
from kopa.surveys.models import Choice, Invitation, Response
from tests import factories
from tests.surveys.helpers import questionnaire as needs_survey

pytestmark = pytest.mark.django_db

SECTIONS = [{
    "title": {"lv": "Par jums", "lt": "Apie jus", "en": "About you"},
    "questions": [
        {"code": "department", "kind": "single",
         "text": {"lv": "Jūsu nodaļa", "lt": "Jūsų skyrius", "en": "Your department"},
         "choices": [{"code": "finance", "label": {"lv": "Finanšu nodaļa", "lt": "Finansų skyrius", "en": "Finance"}},
                     {"code": "it", "label": {"lv": "IT nodaļa", "lt": "IT skyrius", "en": "IT"}}]},
        {"code": "satisfied", "kind": "likert",
         "text": {"lv": "Esmu apmierināts", "lt": "Esu patenkintas", "en": "I am satisfied"}},
        {"code": "comment", "kind": "text", "required": False,
         "text": {"lv": "Komentārs", "lt": "Komentaras", "en": "Comment"}},
    ],
}]


def _survey(*, anonymous=True, project=None):
    survey = services.create_questionnaire(
        titles={"lv": "Darba vide", "lt": "Darbo aplinka", "en": "Workplace"}, sections=SECTIONS,
        project=project or factories.project(), anonymous=anonymous, open_link=True,
        closes_at=timezone.now() + timedelta(days=30))
    return services.publish_questionnaire(questionnaire=survey)


def _answer(survey, department, count):
    for n in range(count):
        services.submit(questionnaire=survey, answers={"department": department, "satisfied": 1 + n % 5,
                                                       "comment": f"{department} {n}"})


def _fewer_than_five():
    # The suite starts each test in Latvian; until the .po files are applied this is the English msgid.
    with translation.override("lv"):
        return results.fewer_than()


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _department(survey, code):
    return Choice.objects.get(question__section__questionnaire=survey, question__code="department", code=code)


@pytest.fixture
def three_in_finance():
    survey = _survey()
    _answer(survey, "finance", 3)
    _answer(survey, "it", 6)
    return survey


def test_three_respondents_of_one_department_show_fewer_than_five_responses(three_in_finance, client):
    survey = three_in_finance
    coordinator = factories.programme_coordinator(survey.project)
    client.force_login(coordinator)
    finance = _department(survey, "finance")
    message = _fewer_than_five()

    page = client.get(reverse("surveys:results", args=[survey.pk]), {"answer": finance.pk}).content.decode()
    assert message in page
    assert "finance 0" not in page and "Esmu apmierināts" not in page  # no texts, no figures per question
    assert 'name="answer"' in page and 'name="department"' not in page  # not stored, so not a filter

    export = client.get(reverse("surveys:export", args=[survey.pk, "csv"]), {"answer": finance.pk})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1:] == [message]  # the header, then only the reason: no answers

    api = client.get(f"/api/surveys/questionnaires/{survey.pk}/results", {"answer": "department:finance"},
                     **_basic(coordinator)).json()
    assert api["hidden"] is True and api["message"] == message
    assert api["responses"] is None and api["questions"] == [] and api["needs"] == []


def test_the_other_department_is_hidden_too_or_the_total_would_give_the_small_one_away(three_in_finance, client):
    survey = three_in_finance
    it = _department(survey, "it")
    assert results.selection(survey).hidden is False  # all nine together are shown
    assert results.selection(survey, results.Filters(answer=it)).hidden is True  # nine minus six is three
    client.force_login(factories.programme_coordinator(survey.project))
    assert _fewer_than_five() in client.get(reverse("surveys:results", args=[survey.pk]),
                                            {"answer": it.pk}).content.decode()


def test_the_row_export_does_not_name_the_small_department_either(three_in_finance, client):
    client.force_login(factories.programme_coordinator(three_in_finance.project))
    export = client.get(reverse("surveys:export", args=[three_in_finance.pk, "csv"]))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "finance" not in text.replace("finance 0", "").replace("finance 1", "").replace("finance 2", "")
    assert ",it," not in text  # three of nine: the six cannot be named and the three left as the rest
    assert text.count(_fewer_than_five()) == 9


def test_a_department_of_five_shows_its_figures(client):
    survey = _survey()
    _answer(survey, "finance", 5)
    _answer(survey, "it", 5)
    coordinator = factories.programme_coordinator(survey.project)
    client.force_login(coordinator)
    finance = _department(survey, "finance")
    page = client.get(reverse("surveys:results", args=[survey.pk]), {"answer": finance.pk}).content.decode()
    assert _fewer_than_five() not in page and "finance 4" in page
    api = client.get(f"/api/surveys/questionnaires/{survey.pk}/results", {"answer": "department:finance"},
                     **_basic(coordinator)).json()
    assert api["hidden"] is False and api["responses"] == 5
    satisfied = next(q for q in api["questions"] if q["code"] == "satisfied")
    assert satisfied["respondents"] == 5 and [s["count"] for s in satisfied["scale"]] == [1, 1, 1, 1, 1]
    export = client.get(reverse("surveys:export", args=[survey.pk, "csv"]), {"answer": finance.pk})
    assert len(b"".join(export.streaming_content).decode("utf-8-sig").splitlines()) == 1 + 5


def test_a_whole_survey_of_fewer_than_five_shows_no_figures(client):
    survey = _survey()
    _answer(survey, "finance", 4)
    client.force_login(factories.programme_coordinator(survey.project))
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert _fewer_than_five() in page and "finance 0" not in page


def test_a_breakdown_hides_its_small_groups_and_enough_others_that_the_total_gives_none_away():
    assert results.hidden_groups({"big": 7, "small": 2}) == {"big", "small"}  # 9 − 7 = 2
    assert results.hidden_groups({"a": 3, "b": 4, "c": 10}) == {"a", "b"}  # together 7: enough
    assert results.hidden_groups({"a": 5, "b": 5}) == set()


def test_the_ranking_by_municipality_hides_a_municipality_of_fewer_than_five(client):
    survey = needs_survey(open_link=True)
    big, small = factories.municipality(name="Lielais novads"), factories.municipality(name="Mazais novads")

    def answer(municipality, count):
        for _ in range(count):
            services.submit(questionnaire=survey, answers={"role": "staff", "rank": ["it", "quality"]},
                            context={"municipality": municipality})

    answer(big, 7)
    answer(small, 2)
    rows = results.summary(survey).ranking_by_municipality
    assert [(r["municipality_id"], r.get("hidden")) for r in rows] == [(big.pk, True), (small.pk, True)]
    client.force_login(factories.programme_coordinator(survey.project))
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    # The page counts the hidden places in one line rather than a row each (90,000 of them at EU size).
    assert f"2 pašvaldības nav parādītas: {_fewer_than_five()}." in page
    assert '<th scope="row">Lielais novads' not in page and '<th scope="row">Mazais novads' not in page
    assert results.places(survey).rows == [] and results.places(survey).hidden == 2
    answer(small, 3)
    rows = results.summary(survey).ranking_by_municipality
    assert not any(r.get("hidden") for r in rows) and {r["municipality_id"] for r in rows} == {big.pk, small.pk}
    assert results.places(survey).rows == rows and results.places(survey).hidden == 0
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert '<th scope="row">Lielais novads' in page and '<th scope="row">Mazais novads' in page


def test_the_threshold_is_a_setting(three_in_finance, settings):
    settings.KOPA_SURVEY_MIN_GROUP = 3
    finance = _department(three_in_finance, "finance")
    assert results.selection(three_in_finance, results.Filters(answer=finance)).hidden is False
    with translation.override("en"):
        assert results.fewer_than() == "fewer than 3 responses"


def test_an_identified_survey_shows_its_small_groups(client):
    survey = _survey(anonymous=False)
    _answer(survey, "finance", 3)
    finance = _department(survey, "finance")
    assert results.selection(survey, results.Filters(answer=finance)).hidden is False


def _invited_staff(survey, count):
    organisation = factories.organisation(municipality=factories.municipality())
    department = directory.save_department(organisation=organisation, names={"lv": "Finanšu nodaļa"})
    for n in range(count):
        person = directory.save_person(first_name="Darbinieks", last_name=f"D{n}", email=f"d{n}@example.lv")
        directory.save_position(person=person, organisation=organisation, department=department,
                                titles={"lv": "Galvenā grāmatvede"})
    services.invite(questionnaire=survey, organisations=[organisation])
    return organisation, list(survey.invitations.order_by("pk"))


def test_the_stored_anonymous_response_has_no_organisation_department_position_or_time():
    survey = _survey()
    organisation, (invitation,) = _invited_staff(survey, 1)
    response = services.submit(questionnaire=survey, answers={"department": "finance", "satisfied": 4},
                               invitation=invitation)
    with connection.cursor() as cursor:
        cursor.execute("SELECT person_id, invitation_id, organisation_id, department_id, position_title "
                       "FROM surveys_response WHERE id = %s", [response.pk])
        assert cursor.fetchone() == (None, None, None, None, "")
    stored = Response.objects.values("submitted_at", "municipality_id").get(pk=response.pk)
    assert timezone.localtime(stored["submitted_at"]).time() == time(0)  # the day, not the moment
    assert timezone.localtime(stored["submitted_at"]).date() == timezone.localdate()
    assert stored["municipality_id"] == organisation.municipality_id
    assert set(response.answers.values_list("question__code", flat=True)) == {"department", "satisfied"}


def test_an_invitation_cannot_be_matched_with_its_response():
    survey = _survey()
    organisation, (first, second) = _invited_staff(survey, 2)
    # The second answers first: nothing on the invitations may tell that order (the responses' ids do).
    services.submit(questionnaire=survey, answers={"department": "it", "satisfied": 2}, invitation=second)
    services.submit(questionnaire=survey, answers={"department": "finance", "satisfied": 5}, invitation=first)
    invitations = list(Invitation.objects.filter(questionnaire=survey).order_by("pk"))
    assert all(i.answered_at == i.sent_at for i in invitations)  # only *that* they answered
    assert not Response.objects.filter(questionnaire=survey, invitation__isnull=False).exists()
    assert not Response.objects.filter(submitted_at__in=[i.answered_at for i in invitations]).exists()
    # The response rate per organisation still counts them (it is about invitations, not responses).
    assert [(r["organisation_id"], r["invited"], r["answered"]) for r in results.response_rates(survey)] == [
        (organisation.pk, 2, 2)]


def test_an_identified_response_keeps_who_where_and_when():
    survey = _survey(anonymous=False)
    organisation, (invitation,) = _invited_staff(survey, 1)
    response = services.submit(questionnaire=survey, answers={"department": "it", "satisfied": 2},
                               invitation=invitation)
    response.refresh_from_db()
    invitation.refresh_from_db()
    assert response.person == invitation.person and response.organisation == organisation
    assert response.department is not None and response.position_title == "Galvenā grāmatvede"
    assert invitation.answered_at > invitation.sent_at


def test_the_migration_anonymises_what_was_stored_before():
    migration = importlib.import_module("kopa.surveys.migrations.0003_anonymise_anonymous_responses")
    anonymous, named = _survey(), _survey(anonymous=False)
    organisation, (invitation,) = _invited_staff(anonymous, 1)
    department = Department.objects.get(organisation=organisation)
    moment = timezone.make_aware(datetime(2026, 11, 5, 14, 37, 12, 345678))
    before = {"organisation": organisation, "department": department, "position_title": "Galvenā grāmatvede",
              "municipality": organisation.municipality, "country_code": "LV", "submitted_at": moment}
    old = Response.objects.create(questionnaire=anonymous, **before)
    kept = Response.objects.create(questionnaire=named, **before)
    Invitation.objects.filter(pk=invitation.pk).update(answered_at=moment)

    migration.anonymise(apps, None)

    old.refresh_from_db()
    assert (old.organisation_id, old.department_id, old.position_title, old.person_id) == (None, None, "", None)
    assert timezone.localtime(old.submitted_at) == timezone.make_aware(datetime(2026, 11, 5))
    assert old.municipality_id == organisation.municipality_id and old.country_code == "LV"
    invitation.refresh_from_db()
    assert invitation.answered_at == invitation.sent_at
    kept.refresh_from_db()
    assert (kept.organisation_id, kept.department_id, kept.submitted_at) == (organisation.pk, department.pk, moment)
