"""Results of a questionnaire: response rates, distributions, the ranking of needs, free texts, coverage.

Every figure is an aggregate computed in the database: the results page costs the same few queries whether
ten or ten thousand people answered.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber

from kopa.activities.models import Activity, Registration
from kopa.directory.models import Municipality
from kopa.topics.queries import descendant_ids

from .models import Answer, Invitation, Need, Question, Questionnaire, Response


def _as_queryset(questionnaire) -> QuerySet:
    if isinstance(questionnaire, Questionnaire):
        return Questionnaire.objects.filter(pk=questionnaire.pk)
    return questionnaire


@dataclass
class Filters:
    country: str = ""
    municipality: object = None
    department: object = None
    position: str = ""

    def responses(self, questionnaire) -> QuerySet:
        responses = Response.objects.filter(questionnaire__in=_as_queryset(questionnaire))
        if self.country:
            responses = responses.filter(country_code=self.country)
        if self.municipality is not None:
            responses = responses.filter(municipality=self.municipality)
        if self.department is not None:
            responses = responses.filter(department=self.department)
        if self.position:
            responses = responses.filter(position_title__icontains=self.position)
        return responses


def response_rates(questionnaire: Questionnaire) -> list[dict]:
    """Invited and answered per organisation, in one query."""
    rows = (Invitation.objects.filter(questionnaire=questionnaire).values("organisation__name", "organisation_id")
            .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
            .order_by("organisation__name"))
    return [{**row, "rate": row["answered"] / row["invited"] if row["invited"] else None} for row in rows]


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    choices: list[dict] = field(default_factory=list)  # choice, count, share (of respondents)
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    scale: list[dict] = field(default_factory=list)  # value, count, share (Likert)
    texts: list[str] = field(default_factory=list)


TEXTS_SHOWN = 200


def distributions(questionnaire: Questionnaire, filters: Filters | None = None) -> list[QuestionResult]:
    """Per question: how many answered and how the answers divide; five queries in all."""
    responses = (filters or Filters()).responses(questionnaire)
    answers = Answer.objects.filter(response__in=responses)
    questions = list(Question.objects.filter(section__questionnaire=questionnaire).select_related("section")
                     .prefetch_related("choices").order_by("section__position", "section_id", "position", "pk"))
    respondents = dict(answers.values_list("question").annotate(n=Count("response", distinct=True)))
    per_choice = {(row["question"], row["choice"]): row["n"] for row in
                  answers.filter(choice__isnull=False).values("question", "choice").annotate(n=Count("pk"))}
    numbers = {row["question"]: row for row in answers.filter(number__isnull=False).values("question").annotate(
        mean=Avg("number"), minimum=Min("number"), maximum=Max("number"))}
    scale = {(row["question"], int(row["number"])): row["n"] for row in answers.filter(
        question__kind=Question.Kind.LIKERT, number__isnull=False).values("question", "number").annotate(n=Count("pk"))}
    texts: dict[int, list[str]] = {}
    # The first TEXTS_SHOWN of each question, counted in the database: not every text of every response.
    first_texts = answers.exclude(text="").annotate(
        place=Window(RowNumber(), partition_by=F("question"), order_by=F("pk").asc())).filter(place__lte=TEXTS_SHOWN)
    for question_id, text in first_texts.order_by("question", "pk").values_list("question", "text"):
        texts.setdefault(question_id, []).append(text)
    results = []
    for question in questions:
        n = respondents.get(question.pk, 0)
        result = QuestionResult(question=question, respondents=n)
        for choice in question.choices.all():
            count = per_choice.get((question.pk, choice.pk), 0)
            result.choices.append({"choice": choice, "count": count, "share": count / n if n else None})
        if question.pk in numbers:
            row = numbers[question.pk]
            result.mean, result.minimum, result.maximum = row["mean"], row["minimum"], row["maximum"]
        if question.kind == Question.Kind.LIKERT:
            result.scale = [{"value": v, "count": scale.get((question.pk, v), 0),
                             "share": scale.get((question.pk, v), 0) / n if n else None} for v in range(1, 6)]
        result.texts = texts.get(question.pk, [])
        results.append(result)
    return results


def need_ranking(questionnaire, filters: Filters | None = None, *, by_municipality: bool = False):
    """Needs in the order the respondents ranked them: each rank gives points (first of k: k points, last:
    1), summed over the responses; ties by the number of first places, then by name. Four queries.

    `questionnaire` may also be a queryset of questionnaires (a project's needs surveys taken together)."""
    responses = (filters or Filters()).responses(questionnaire)
    ranked = Answer.objects.filter(response__in=responses, question__kind=Question.Kind.RANKING,
                                   rank__isnull=False, choice__need__isnull=False)
    group = ["choice__need"] + (["response__municipality"] if by_municipality else [])
    rows = list(ranked.values(*group, "question__ranking_size", "question").annotate(
        places=Count("pk"), firsts=Count("pk", filter=Q(rank=1)), rank_sum=Sum("rank")))
    sizes = dict(Question.objects.filter(section__questionnaire__in=_as_queryset(questionnaire),
                                         kind=Question.Kind.RANKING)
                 .annotate(options=Count("choices")).values_list("pk", "options"))
    needs = Need.objects.in_bulk({row["choice__need"] for row in rows})
    places = Municipality.objects.in_bulk({row.get("response__municipality") for row in rows} - {None})
    totals: dict[tuple, dict] = {}
    for row in rows:
        k = min(row["question__ranking_size"] or sizes[row["question"]], sizes[row["question"]])
        key = (row.get("response__municipality"), row["choice__need"])
        municipality = places.get(row.get("response__municipality"))
        entry = totals.setdefault(key, {"need_id": row["choice__need"], "need": str(needs[row["choice__need"]]),
                                        "municipality_id": municipality.pk if municipality else None,
                                        "municipality": str(municipality) if municipality else "",
                                        "points": 0, "firsts": 0, "mentions": 0})
        entry["points"] += (k + 1) * row["places"] - row["rank_sum"]
        entry["firsts"] += row["firsts"]
        entry["mentions"] += row["places"]
    ordered = sorted(totals.values(), key=lambda e: (e["municipality"], -e["points"], -e["firsts"], e["need"]))
    return ordered


def export_columns(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.filter(section__questionnaire=questionnaire).prefetch_related("choices")
                .order_by("section__position", "section_id", "position", "pk"))


def export_rows(questionnaire: Questionnaire, questions: list[Question]):
    """One row per response, one column per question, read in chunks: memory does not grow with the rows."""
    index = {question.pk: n for n, question in enumerate(questions)}
    kinds = {question.pk: question.kind for question in questions}
    responses = Response.objects.filter(questionnaire=questionnaire).order_by("pk").values_list(
        "pk", "submitted_at", "country_code", "municipality__name", "organisation__name", "department__name",
        "position_title").iterator(chunk_size=2000)
    answers = Answer.objects.filter(response__questionnaire=questionnaire).order_by(
        "response", "question", "rank", "pk").values_list(
        "response", "question", "choice__code", "rank", "number", "text").iterator(chunk_size=2000)
    grouped = groupby(answers, key=lambda row: row[0])
    pending = next(grouped, None)
    for response in responses:
        cells = [""] * len(questions)
        while pending is not None and pending[0] < response[0]:
            pending = next(grouped, None)
        if pending is not None and pending[0] == response[0]:
            values: dict[int, list] = {}
            for _r, question, code, _rank, number, text in pending[1]:
                values.setdefault(question, []).append(code if code is not None else (
                    number if number is not None else text))
            for question, items in values.items():
                if question in index:
                    joiner = " > " if kinds[question] == Question.Kind.RANKING else "; "
                    cells[index[question]] = items[0] if len(items) == 1 and kinds[question] in (
                        Question.Kind.NUMBER, Question.Kind.LIKERT) else joiner.join(str(i) for i in items)
            pending = next(grouped, None)
        yield [response[0], response[1].replace(tzinfo=None), *response[2:], *cells]


def coverage(project, topic=None) -> dict:
    """Each need of the project (on `topic` or a narrower one, if given), how strongly it was expressed, and the
    activities answering it."""
    needs = Need.objects.filter(project=project)
    if topic is not None:
        needs = needs.filter(topics__in=descendant_ids(topic)).distinct()
    needs = list(needs.prefetch_related("activities", "work_plan_items", "topics").order_by("code"))
    surveys = Questionnaire.objects.filter(project=project, purpose=Questionnaire.Purpose.NEEDS)
    strength = {row["need_id"]: row for row in need_ranking(surveys)}
    activity_ids = {a.pk for need in needs for a in need.activities.all()}
    attendance = dict(Registration.objects.filter(activity_id__in=activity_ids,
                                                  status=Registration.Status.ATTENDED)
                      .values_list("activity").annotate(n=Count("pk")))
    rows = []
    for need in needs:
        activities = sorted(need.activities.all(), key=lambda a: a.start_date)
        for activity in activities:
            activity.attended = attendance.get(activity.pk, 0)
            activity.held = activity.status in (Activity.Status.HELD, Activity.Status.CLOSED)
        rows.append({"need": need, "strength": strength.get(need.pk, {"points": 0, "firsts": 0, "mentions": 0}),
                     "activities": activities, "work_plan_items": list(need.work_plan_items.all())})
    rows.sort(key=lambda row: (-row["strength"]["points"], row["need"].code))
    return {"needs": rows, "uncovered": [row for row in rows if not row["activities"]]}
