from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by
from kopa.projects.models import Project
from kopa.topics.models import Topic

from . import remembered, results, services
from .models import Choice, Invitation, Need, Question, Questionnaire

router = Router(tags=["surveys"])


class ChoiceIn(Schema):
    code: str
    label: dict[str, str]
    need: str = ""  # the code of one of the project's needs


class QuestionIn(Schema):
    code: str
    kind: str
    text: dict[str, str]
    help: dict[str, str] = {}
    required: bool = True
    ranking_size: int | None = None
    show_if: str = ""  # "question_code:choice_code"
    choices: list[ChoiceIn] = []


class SectionIn(Schema):
    title: dict[str, str]
    questions: list[QuestionIn]


class QuestionnaireIn(Schema):
    project: str  # code
    title: dict[str, str]
    introduction: dict[str, str] = {}
    anonymous: bool = True
    open_link: bool = False
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    sections: list[SectionIn]


class ChoiceOut(Schema):
    code: str
    label: str


class QuestionOut(Schema):
    code: str
    kind: str
    text: str
    help_text: str
    required: bool
    ranking_size: int | None
    show_if: str | None
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_show_if(obj):
        choice = obj.show_if_choice
        return f"{choice.question.code}:{choice.code}" if choice else None

    @staticmethod
    def resolve_choices(obj):
        return list(obj.choices.all())


class QuestionnaireOut(Schema):
    id: int
    title: str
    introduction: str
    anonymous: bool
    status: str
    version: int
    opens_at: datetime | None
    closes_at: datetime | None


class FormOut(Schema):
    questionnaire: QuestionnaireOut
    questions: list[QuestionOut]
    draft: dict
    answered: bool
    open: bool


class AnswersIn(Schema):
    answers: dict
    submit: bool = False  # False: keep as a draft to continue later


@router.post("/surveys/questionnaires", response={201: QuestionnaireOut}, auth=write_auth)
def create(request, payload: QuestionnaireIn):
    """A draft questionnaire; publish it on its page. Choices of a ranking may name the project's needs."""
    project = get_object_or_404(Project, code=payload.project)
    needs = {need.code: need for need in Need.objects.filter(project=project)}
    sections = [{"title": s.title, "questions": [{
        **q.dict(exclude={"choices"}),
        "choices": [{"code": c.code, "label": c.label, "need": needs.get(c.need)} for c in q.choices]}
        for q in s.questions]} for s in payload.sections]
    questionnaire = services.create_questionnaire(
        titles=payload.title, introductions=payload.introduction, sections=sections, project=project,
        anonymous=payload.anonymous, open_link=payload.open_link, opens_at=payload.opens_at,
        closes_at=payload.closes_at, by=request.auth)
    return Status(201, questionnaire)


@router.get("/surveys/answer/{token}", response=FormOut)
def form(request, token: str):
    """The respondent's side: the questions of the invitation's questionnaire and the answers saved so far."""
    invitation = get_object_or_404(Invitation.objects.select_related("questionnaire"), token=token)
    return {"questionnaire": invitation.questionnaire, "questions": services.questions_of(invitation.questionnaire),
            "draft": invitation.draft, "answered": invitation.answered_at is not None,
            "open": services.is_open(invitation.questionnaire)}


@router.post("/surveys/answer/{token}", response={200: dict, 201: dict})
def answer(request, token: str, payload: AnswersIn):
    """Saves a draft, or submits once: a used link, a closed questionnaire or a bad answer is refused (400)."""
    invitation = get_object_or_404(Invitation, token=token)
    if not payload.submit:
        services.save_draft(invitation=invitation, answers=payload.answers)
        return Status(200, {"saved": True})
    services.submit(questionnaire=invitation.questionnaire, answers=payload.answers, invitation=invitation)
    return Status(201, {"submitted": True})


@router.get("/surveys/questionnaires/{pk}/results", auth=write_auth)
def result(request, pk: int, country: str = "", answer: str = ""):
    """Figures of the responses, filtered by country and by an answer ("question_code:choice_code", e.g. a
    department asked as a question). For an anonymous questionnaire a selection too small to show gives
    "hidden": true, the reason in "message", and no figures."""
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if not request.auth.has_perm("surveys.view_results", questionnaire):
        raise PermissionDenied
    chosen = None
    if answer:
        question, _sep, code = answer.partition(":")
        chosen = get_object_or_404(Choice, question__section__questionnaire=questionnaire, question__code=question,
                                   code=code, question__kind=Question.Kind.SINGLE)
    filters = results.Filters(country=country, answer=chosen)
    state = remembered.stamp(questionnaire)
    found = remembered.remembered(questionnaire, state, ("summary", filters),
                                  lambda: results.summary(questionnaire, filters))
    rates = remembered.remembered(questionnaire, state, ("rates",), lambda: results.response_rates(questionnaire))
    return {
        "responses": None if found.hidden else found.selection.responses,
        "hidden": found.hidden,
        "message": results.fewer_than() if found.hidden else "",
        "response_rates": [{"organisation": row["organisation__name"], "invited": row["invited"],
                            "answered": row["answered"]} for row in rates],
        "questions": [{
            "code": item.question.code, "respondents": item.respondents,
            "choices": [{"code": c["choice"].code, "count": c["count"]} for c in item.choices],
            "mean": float(item.mean) if item.mean is not None else None,
            "scale": [{"value": s["value"], "count": s["count"]} for s in item.scale],
        } for item in found.distributions],
        "needs": [{key: row[key] for key in ("need", "points", "firsts", "mentions")} for row in found.ranking],
    }


class TopicsIn(Schema):
    topics: list[Annotated[str, Field(max_length=80)]] = Field([], max_length=50, description="topic slugs")


@router.put("/surveys/needs/{pk}/topics", response=dict, auth=write_auth)
def put_need_topics(request, pk: int, payload: TopicsIn):
    need = get_object_or_404(Need, pk=pk)
    topics = all_by(Topic, "slug", payload.topics, "topics")
    services.set_need_topics(need=need, topics=topics, by=request.auth)
    return {"need": need.pk, "topics": sorted(t.slug for t in topics)}
