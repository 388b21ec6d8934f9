"""Results equal a small hand-computed data set exactly; the page costs the same queries at 10 or 10,000."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from kopa.surveys import results, services
from kopa.surveys.models import Answer, Question, Response
from tests import factories
from tests.surveys.helpers import invited, questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_group_shown(settings):
    """These tests check the arithmetic on a hand-sized set of four responses; the minimum group that hides
    small groups of anonymous surveys is tested in test_anonymity."""
    settings.KOPA_SURVEY_MIN_GROUP = 1

ANSWERS = [  # (organisation, answers)
    ("A", {"role": "head", "team": "10", "rank": ["quality", "it"], "topics": ["lean"], "satisfied": 4,
           "comment": "Vairāk apmācību"}),
    ("A", {"role": "staff", "rank": ["it", "quality"], "topics": ["lean", "law"], "satisfied": 5}),
    ("B", {"role": "staff", "rank": ["quality", "tourism"], "topics": [], "satisfied": 2}),
    ("B", {"role": "head", "team": "20", "rank": ["quality", "it"], "satisfied": 4}),
]


@pytest.fixture
def answered():
    survey = questionnaire()
    a = factories.organisation(name="A pašvaldība", municipality=factories.municipality(code="0001", name="A novads"))
    b = factories.organisation(name="B savivaldybė", country_code="LT",
                               municipality=factories.municipality(code="0002", name="B rajonas",
                                                                   country_code="LT"))
    invitations = {"A": [invited(survey, a, f"a{n}@example.lv") for n in range(3)],
                   "B": [invited(survey, b, f"b{n}@example.lt") for n in range(2)]}
    for organisation, answers in ANSWERS:
        services.submit(questionnaire=survey, answers=answers, invitation=invitations[organisation].pop(0))
    return survey, a, b


def _by_code(distributions):
    return {result.question.code: result for result in distributions}


def test_counts_and_shares_per_question(answered):
    survey, _a, _b = answered
    figures = _by_code(results.distributions(survey))
    role = {c["choice"].code: (c["count"], c["share"]) for c in figures["role"].choices}
    assert figures["role"].respondents == 4 and role == {"head": (2, 0.5), "staff": (2, 0.5)}
    topics = {c["choice"].code: (c["count"], c["share"]) for c in figures["topics"].choices}
    assert figures["topics"].respondents == 2 and topics == {"lean": (2, 1.0), "law": (1, 0.5)}
    team = figures["team"]
    assert (team.respondents, team.mean, team.minimum, team.maximum) == (2, Decimal(15), Decimal(10), Decimal(20))
    scale = [(s["value"], s["count"], s["share"]) for s in figures["satisfied"].scale]
    assert scale == [(1, 0, 0.0), (2, 1, 0.25), (3, 0, 0.0), (4, 2, 0.5), (5, 1, 0.25)]
    assert figures["satisfied"].mean == Decimal("3.75")
    assert figures["comment"].texts == ["Vairāk apmācību"]


def test_the_ranking_of_needs_overall_and_per_municipality(answered):
    survey, _a, _b = answered
    with translation.override("en"):
        overall = [(r["need"], r["points"], r["firsts"], r["mentions"]) for r in results.need_ranking(survey)]
        assert overall == [("Service quality", 7, 3, 4), ("IT", 4, 1, 3), ("Tourism", 1, 0, 1)]
        per_place = [(r["municipality"], r["need"], r["points"]) for r in
                     results.need_ranking(survey, by_municipality=True)]
    assert per_place == [("A novads", "IT", 3), ("A novads", "Service quality", 3),
                         ("B rajonas", "Service quality", 4), ("B rajonas", "IT", 1), ("B rajonas", "Tourism", 1)]


def test_filters_by_country_and_municipality(answered):
    survey, a, _b = answered
    lithuanian = _by_code(results.distributions(survey, results.Filters(country="LT")))
    assert lithuanian["role"].respondents == 2
    assert {c["choice"].code: c["count"] for c in lithuanian["role"].choices} == {"head": 1, "staff": 1}
    latvian = results.need_ranking(survey, results.Filters(municipality=a.municipality))
    assert [(r["need_id"] is not None, r["points"]) for r in latvian] == [(True, 3), (True, 3)]


def test_response_rate_per_organisation(answered):
    survey, a, b = answered
    rates = {row["organisation_id"]: (row["invited"], row["answered"], row["rate"])
             for row in results.response_rates(survey)}
    assert rates == {a.pk: (3, 2, 2 / 3), b.pk: (2, 2, 1.0)}


def test_the_export_has_one_row_per_response_and_a_column_per_question(answered, client):
    survey, _a, _b = answered
    client.force_login(factories.programme_coordinator(survey.project))
    response = client.get(f"/en/surveys/{survey.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    header = rows[0]
    assert header[-6:] == ("role", "team", "rank", "topics", "satisfied", "comment")
    first = dict(zip(header, rows[1], strict=True))
    assert first["rank"] == "quality > it" and first["topics"] == "lean" and first["team"] == 10
    assert first["Municipality"] == "A novads" and len(rows) == 5
    csv_text = b"".join(client.get(f"/en/surveys/{survey.pk}/export.csv").streaming_content).decode("utf-8-sig")
    assert "it > quality" in csv_text and "lean; law" in csv_text


def test_results_are_only_for_those_who_run_the_survey(answered, client):
    survey, _a, _b = answered
    assert client.get(f"/en/surveys/{survey.pk}/results/").status_code == 302  # to the login
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert client.get(f"/en/surveys/{survey.pk}/results/").status_code == 403
    assert client.get(f"/en/surveys/{survey.pk}/export.csv").status_code == 403


def _bulk_responses(survey, count):
    """Volume for the query-count check, written straight to the tables (services are tested above)."""
    questions = {q.code: q for q in Question.objects.filter(section__questionnaire=survey).prefetch_related("choices")}
    choices = {code: {c.code: c for c in q.choices.all()} for code, q in questions.items()}
    now = timezone.now()
    responses = Response.objects.bulk_create([Response(questionnaire=survey, submitted_at=now, country_code="LV")
                                              for _ in range(count)])
    answers = []
    for n, response in enumerate(responses):
        answers += [Answer(response=response, question=questions["role"], choice=choices["role"]["staff"]),
                    Answer(response=response, question=questions["rank"], choice=choices["rank"]["it"], rank=1),
                    Answer(response=response, question=questions["rank"], choice=choices["rank"]["tourism"], rank=2),
                    Answer(response=response, question=questions["satisfied"], number=1 + n % 5),
                    Answer(response=response, question=questions["comment"], text=f"Teksts {n}")]
    Answer.objects.bulk_create(answers, batch_size=5000)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_results_page_costs_the_same_queries_at_10_or_10000_responses(client):
    survey = questionnaire()
    client.force_login(factories.programme_coordinator(survey.project))
    url = f"/en/surveys/{survey.pk}/results/"
    _bulk_responses(survey, 10)
    few = _queries(client, url)
    _bulk_responses(survey, 9990)
    assert _queries(client, url) == few
    assert "10,000 responses" in client.get(url).content.decode()
    comments = {r.question.code: r for r in results.distributions(survey)}["comment"]
    assert comments.respondents == 10_000 and comments.texts[:2] == ["Teksts 0", "Teksts 1"]
    assert len(comments.texts) == results.TEXTS_SHOWN  # the first ones to read, not all ten thousand


def test_results_are_computed_once_per_state_of_the_survey_and_afresh_after_each_response(answered, client):
    survey, a, _b = answered
    client.force_login(factories.programme_coordinator(survey.project))
    url = f"/en/surveys/{survey.pk}/results/"
    computed = _queries(client, url)
    remembered = _queries(client, url)
    assert remembered < computed  # the aggregates were not run again
    assert "4 responses" in client.get(url).content.decode()

    services.submit(questionnaire=survey, answers={"role": "head", "rank": ["it", "quality"], "satisfied": 1},
                    invitation=invited(survey, a, "a9@example.lv"))
    assert _queries(client, url) == computed  # a new state: computed afresh
    html = client.get(url).content.decode()
    assert "5 responses" in html
    head = {c["choice"].code: c["count"] for c in _by_code(results.distributions(survey))["role"].choices}["head"]
    assert head == 3
