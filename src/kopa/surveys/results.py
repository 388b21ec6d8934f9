"""Results of a questionnaire: response rates, distributions, the ranking of needs, free texts, coverage.

Every figure is an aggregate computed in the database: the results page costs the same few queries whether
ten or ten thousand people answered.

Anonymous questionnaires keep one more rule, written once here and used by the pages, the exports and the
API: no group smaller than `min_group()` responses is shown (the whole survey, a filter, a municipality of the
breakdown, an answer in the row export), and no group is shown whose difference from a larger shown one would
be such a small group.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.conf import settings
from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import ngettext

from kopa.activities.models import Activity, Registration
from kopa.directory.models import Municipality
from kopa.topics.queries import descendant_ids

from .models import Answer, Choice, Invitation, Need, Question, Questionnaire, Response

# --- The minimum group (one rule, one place) -------------------------------------------------------------------


def min_group() -> int:
    """The fewest responses a group of an anonymous questionnaire's results must hold to be shown
    (setting KOPA_SURVEY_MIN_GROUP, default 5; read on each call, so a changed setting applies at once)."""
    return max(1, int(getattr(settings, "KOPA_SURVEY_MIN_GROUP", 5)))


def protected(questionnaire) -> bool:
    """Whether the minimum group applies. Only anonymous questionnaires promise that an answer cannot be traced
    to a person; an identified one stores the person with the answers, so hiding its small groups would hide
    figures and protect nobody. Widen it here, and every page, export and the API follow."""
    return bool(getattr(questionnaire, "anonymous", True))


def fewer_than() -> str:
    """What a hidden group shows instead of its figures, in the active language."""
    k = min_group()
    return ngettext("fewer than %(count)d response", "fewer than %(count)d responses", k) % {"count": k}


def hidden_groups(sizes: dict) -> set:
    """Which groups of a breakdown to hide, given the responses in each. Each group under the minimum is
    hidden; then, while the hidden ones together hold some but fewer than the minimum (the total minus the
    shown groups would give them away), the smallest shown group is hidden too (secondary suppression, as
    statistical offices and survey tools do)."""
    k = min_group()
    hidden = {key for key, n in sizes.items() if n < k}
    shown = sorted((key for key in sizes if key not in hidden), key=lambda key: sizes[key])
    while shown and 0 < sum(sizes[key] for key in hidden) < k:
        hidden.add(shown.pop(0))
    return hidden


@dataclass
class Selection:
    responses: int  # how many the filters select (not to be shown when hidden)
    hidden: bool


def selection(questionnaire: Questionnaire, filters: "Filters | None" = None) -> Selection:
    """How many responses the filters select, and whether their results may be shown: for a protected
    questionnaire, at least the minimum, and what each filter leaves out of the wider selection without it
    must be nothing or at least the minimum too (else the wider figures minus these give the rest away).
    One query."""
    conditions = (filters or Filters()).conditions()

    def count(parts):
        return Count("pk", filter=Q(*parts)) if parts else Count("pk")

    wider = [conditions[:n] + conditions[n + 1:] for n in range(len(conditions))] + ([[]] if conditions else [])
    counts = Response.objects.filter(questionnaire=questionnaire).aggregate(
        selected=count(conditions), **{f"wider_{n}": count(parts) for n, parts in enumerate(wider)})
    selected = counts.pop("selected")
    k = min_group()
    hidden = protected(questionnaire) and (selected < k or any(0 < n - selected < k for n in counts.values()))
    return Selection(responses=selected, hidden=hidden)


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
    # Responses that gave this answer (a Choice of a single-choice question): how an anonymous survey is broken
    # down by department or role, since it stores neither but may ask them.
    answer: Choice | None = None

    def conditions(self) -> list[Q]:
        conditions = []
        if self.country:
            conditions.append(Q(country_code=self.country))
        if self.municipality is not None:
            conditions.append(Q(municipality=self.municipality))
        if self.department is not None:
            conditions.append(Q(department=self.department))
        if self.position:
            conditions.append(Q(position_title__icontains=self.position))
        if self.answer is not None:
            conditions.append(Q(pk__in=Answer.objects.filter(choice=self.answer).values("response")))
        return conditions

    def responses(self, questionnaire) -> QuerySet:
        return Response.objects.filter(questionnaire__in=_as_queryset(questionnaire)).filter(*self.conditions())


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


def distributions(questionnaire: Questionnaire, filters: Filters | None = None,
                  texts_shown: int = TEXTS_SHOWN) -> list[QuestionResult]:
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
        place=Window(RowNumber(), partition_by=F("question"), order_by=F("pk").asc())).filter(place__lte=texts_shown)
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


def need_ranking(questionnaire, filters: Filters | None = None, *, by_municipality: bool = False,
                 municipalities: list | None = None):
    """Needs in the order the respondents ranked them: each rank gives points (first of k: k points, last:
    1), summed over the responses; ties by the number of first places, then by name. Four queries.

    `questionnaire` may also be a queryset of questionnaires (a project's needs surveys taken together);
    `municipalities` (ids, None for responses without one) keeps only those places' responses."""
    responses = (filters or Filters()).responses(questionnaire)
    if municipalities is not None:
        responses = responses.filter(Q(municipality__in=[m for m in municipalities if m is not None])
                                     | (Q(municipality__isnull=True) if None in municipalities else Q(pk__in=[])))
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


@dataclass
class Results:
    """Everything the results page and the API show for one questionnaire and one set of filters."""

    selection: Selection
    distributions: list[QuestionResult] = field(default_factory=list)
    ranking: list[dict] = field(default_factory=list)
    # Rows of a municipality too small to show are one row {"municipality", "hidden": True} in their place.
    ranking_by_municipality: list[dict] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.selection.hidden


def summary(questionnaire: Questionnaire, filters: Filters | None = None, *, by_municipality: bool = True,
            texts_shown: int = TEXTS_SHOWN) -> Results:
    """The results, or, when the selection is too small to show, only that: a fixed number of queries.
    The page reads the ranking by municipality a page of places at a time (`places`), not whole."""
    filters = filters or Filters()
    chosen = selection(questionnaire, filters)
    if chosen.hidden:
        return Results(selection=chosen)
    by_place = []
    if by_municipality:
        by_place = need_ranking(questionnaire, filters, by_municipality=True)
        if protected(questionnaire):
            by_place = _hide_small_places(by_place, filters.responses(questionnaire))
    return Results(selection=chosen, distributions=distributions(questionnaire, filters, texts_shown),
                   ranking=need_ranking(questionnaire, filters), ranking_by_municipality=by_place)


PLACES_SHOWN = 20


@dataclass
class Places:
    """One page of the ranking by municipality: its rows (as `ranking_by_municipality`, for this page's places),
    how many places may be shown in all, and how many are too small to show (counted, not listed)."""

    rows: list[dict]
    shown: int
    hidden: int
    page: int
    pages: int


def places(questionnaire, filters: Filters | None = None, page: int = 1, per_page: int = PLACES_SHOWN) -> Places:
    """The page-th page of the ranking by municipality, in three queries whatever the number of places: with
    one response in each of 90,000 municipalities an anonymous survey shows none of them, and says so once."""
    filters = filters or Filters()
    grouped = filters.responses(questionnaire).order_by().values("municipality").annotate(n=Count("pk"))
    hidden = 0
    if protected(questionnaire):
        k = min_group()
        # Only places of at least the minimum can be shown: the small ones are read as one count and one sum,
        # then secondary suppression (hidden_groups) takes the smallest shown places while the small ones
        # together hold some but fewer than the minimum.
        small = grouped.filter(n__lt=k).aggregate(places=Count("n"), responses=Sum("n"))
        hidden, hidden_responses = small["places"] or 0, small["responses"] or 0
        big = sorted(grouped.filter(n__gte=k).values_list("municipality", "municipality__name", "n"),
                     key=lambda row: row[2])
        while big and 0 < hidden_responses < k:
            hidden_responses += big.pop(0)[2]
            hidden += 1
        big.sort(key=lambda row: (row[1] or "", row[0] or 0))
        shown = len(big)
        pages = max(1, -(-shown // per_page))
        page = min(max(1, page), pages)
        chosen = [row[0] for row in big[(page - 1) * per_page:page * per_page]]
    else:
        shown = grouped.count()
        pages = max(1, -(-shown // per_page))
        page = min(max(1, page), pages)
        chosen = list(grouped.order_by("municipality__name", "municipality")
                      .values_list("municipality", flat=True)[(page - 1) * per_page:page * per_page])
    rows = need_ranking(questionnaire, filters, by_municipality=True, municipalities=chosen) if chosen else []
    return Places(rows=rows, shown=shown, hidden=hidden, page=page, pages=pages)


def text_counts(questionnaire, filters: Filters | None = None) -> dict[int, int]:
    """How many free-text answers each question has, in one query (the page shows the first few)."""
    answers = Answer.objects.filter(response__in=(filters or Filters()).responses(questionnaire)).exclude(text="")
    return dict(answers.order_by().values_list("question").annotate(n=Count("pk")))


def texts(questionnaire, question: Question, filters: Filters | None = None) -> QuerySet:
    """A question's free-text answers, oldest first, for the page that lists them all (paginated)."""
    answers = Answer.objects.filter(response__in=(filters or Filters()).responses(questionnaire), question=question)
    return answers.exclude(text="").order_by("pk").values_list("text", flat=True)


def _hide_small_places(rows: list[dict], responses: QuerySet) -> list[dict]:
    sizes = dict(responses.order_by().values_list("municipality").annotate(n=Count("pk")))
    hidden = hidden_groups(sizes)
    result, seen = [], set()
    for row in rows:
        if row["municipality_id"] not in hidden:
            result.append(row)
        elif row["municipality_id"] not in seen:
            seen.add(row["municipality_id"])
            result.append({"municipality_id": row["municipality_id"], "municipality": row["municipality"],
                           "hidden": True})
    return result


def export_columns(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.filter(section__questionnaire=questionnaire).prefetch_related("choices")
                .order_by("section__position", "section_id", "position", "pk"))


def export_rows(questionnaire: Questionnaire, questions: list[Question], filters: Filters | None = None):
    """One row per response, one column per question, read in chunks: memory does not grow with the rows.

    For a protected questionnaire the rows follow the minimum group as the page does: a selection too small
    gives one row saying so; a country, a municipality or the choice of a single-choice question (what one
    filters by, such as a department asked as a question) held by too small a group reads "fewer than …"
    instead; the day is given, not the time. Free texts, numbers, rankings are the answers themselves."""
    filters = filters or Filters()
    guarded = protected(questionnaire)
    hidden_text = fewer_than()  # now, in the request's language: a CSV streams after the view has returned
    if guarded and selection(questionnaire, filters).hidden:
        return iter([[hidden_text]])
    selected = filters.responses(questionnaire)
    masked_places: set = set()
    masked_countries: set = set()
    masked_choices: set = set()
    if guarded:
        masked_places = hidden_groups(dict(selected.order_by().values_list("municipality__name").annotate(
            n=Count("pk"))))
        masked_countries = hidden_groups(dict(selected.order_by().values_list("country_code").annotate(
            n=Count("pk"))))
        single = {q.pk for q in questions if q.kind == Question.Kind.SINGLE}
        per_choice: dict[int, dict] = {}
        for question, code, n in (Answer.objects.filter(response__in=selected, question__in=single)
                                  .order_by().values_list("question", "choice__code").annotate(n=Count("pk"))):
            per_choice.setdefault(question, {})[code] = n
        masked_choices = {(question, code) for question, counts in per_choice.items()
                          for code in hidden_groups(counts)}
    return _rows(questions, selected, guarded, hidden_text,
                 masked_places, masked_countries, masked_choices)


def _rows(questions, selected, guarded, hidden_text, masked_places, masked_countries,
          masked_choices):
    index = {question.pk: n for n, question in enumerate(questions)}
    kinds = {question.pk: question.kind for question in questions}
    responses = selected.order_by("pk").values_list(
        "pk", "submitted_at", "country_code", "municipality__name", "organisation__name", "department__name",
        "position_title").iterator(chunk_size=2000)
    answers = Answer.objects.filter(response__in=selected).order_by(
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
                if (question, code) in masked_choices:
                    code = hidden_text
                values.setdefault(question, []).append(code if code is not None else (
                    number if number is not None else text))
            for question, items in values.items():
                if question in index:
                    joiner = " > " if kinds[question] == Question.Kind.RANKING else "; "
                    cells[index[question]] = items[0] if len(items) == 1 and kinds[question] in (
                        Question.Kind.NUMBER, Question.Kind.LIKERT) else joiner.join(str(i) for i in items)
            pending = next(grouped, None)
        if guarded:
            country = hidden_text if response[2] in masked_countries else response[2]
            place = hidden_text if response[3] in masked_places else response[3]
            yield [response[0], timezone.localdate(response[1]), country, place, *response[4:], *cells]
        else:
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
