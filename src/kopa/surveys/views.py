from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kopa.accounts import throttle
from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate
from kopa.projects.models import Project
from kopa.topics.models import Topic
from kopa.topics.queries import topics_for_choice

from . import charts, list_filters, remembered, results, services
from .forms import (
    InviteForm,
    NeedFilterForm,
    NeedLinkForm,
    NeedTopicsForm,
    QuestionForm,
    QuestionnaireForm,
    answer_form,
    answers_from,
)
from .models import Invitation, Need, Question, Questionnaire

SESSION_KEY = "kopa_open_survey_{}"


def _answer_page(request, questionnaire, *, invitation=None, draft=None, submitted=False):
    questions = services.questions_of(questionnaire)
    form = answer_form(questions, data=request.POST or None, initial=draft or {})
    if request.method == "POST" and not submitted:
        if not throttle.allow("survey-link", f"{questionnaire.pk}:{throttle.client_address(request)}",
                              limit=settings.KOPA_SURVEY_ANSWERS_PER_HOUR, minutes=60):
            # An open link is public: one address sending answers again and again is a script, not a person.
            form.add_error(None, _("Too many answers were sent from your address. Please try again in an hour."))
            return render(request, "surveys/answer.html", {
                "questionnaire": questionnaire, "form": form, "questions": questions, "submitted": False,
                "open": services.is_open(questionnaire)}, status=429)
        answers = answers_from(form, questions)
        try:
            if request.POST.get("action") == "save":
                if invitation is not None:
                    services.save_draft(invitation=invitation, answers=answers)
                else:
                    request.session[SESSION_KEY.format(questionnaire.pk)] = services.checked_draft(questions, answers)
                messages.success(request, _("Your answers are saved. Come back through the same link to finish."))
                return redirect(request.path)
            services.submit(questionnaire=questionnaire, answers=answers, invitation=invitation)
        except DomainError as error:
            field = error.field if error.field in form.fields else next(
                (name for name in form.fields if name.startswith(f"{error.field}__")), None)
            form.add_error(field, str(error.message))
        else:
            if invitation is None:
                request.session.pop(SESSION_KEY.format(questionnaire.pk), None)
                request.session[f"kopa_answered_{questionnaire.pk}"] = True
            return render(request, "surveys/thanks.html", {"questionnaire": questionnaire})
    return render(request, "surveys/answer.html", {
        "questionnaire": questionnaire, "form": form, "questions": questions, "submitted": submitted,
        "open": services.is_open(questionnaire),
    })


def answer(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("questionnaire", "person"), token=token)
    questionnaire = invitation.questionnaire
    return _answer_page(request, questionnaire, invitation=invitation, draft=invitation.draft,
                        submitted=invitation.answered_at is not None and request.method == "GET")


def answer_open(request, token):
    questionnaire = get_object_or_404(Questionnaire, open_token=token, open_link=True)
    if request.session.get(f"kopa_answered_{questionnaire.pk}"):
        return render(request, "surveys/answer.html", {"questionnaire": questionnaire, "submitted": True})
    return _answer_page(request, questionnaire, draft=request.session.get(SESSION_KEY.format(questionnaire.pk)))


def _managed(request, pk) -> Questionnaire:
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("project", "activity"), pk=pk)
    if not request.user.has_perm("surveys.change_questionnaire", questionnaire):
        raise PermissionDenied
    return questionnaire


@login_required
def questionnaire_detail(request, pk):
    questionnaire = _managed(request, pk)
    invite_form = InviteForm(request.POST or None, project=questionnaire.project)
    if request.method == "POST" and invite_form.is_valid():
        try:
            invited = services.invite(questionnaire=questionnaire, by=request.user,
                                      organisations=invite_form.cleaned_data["organisations"],
                                      departments=invite_form.cleaned_data["departments"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(count)d invitations sent.") % {"count": invited.sent})
            if invited.unreachable:
                messages.warning(request, ngettext(
                    "%(count)d person is not reachable (no e-mail address): %(names)s.",
                    "%(count)d people are not reachable (no e-mail address): %(names)s.",
                    len(invited.unreachable)) % {"count": len(invited.unreachable),
                                                 "names": ", ".join(map(str, invited.unreachable))})
            return redirect(questionnaire)
    questions = services.questions_of(questionnaire)
    answered = questionnaire.responses.count()
    return render(request, "surveys/questionnaire_detail.html", {
        "questionnaire": questionnaire, "preview": answer_form(questions, disabled=True), "questions": questions,
        "question_form": None if answered else QuestionForm(questionnaire=questionnaire),
        "invite_form": invite_form, "rates": results.response_rates(questionnaire), "answered": answered,
    })


@login_required
@require_POST
def questionnaire_action(request, pk):
    questionnaire = _managed(request, pk)
    actions = {"publish": services.publish_questionnaire, "close": services.close_questionnaire,
               "new_version": services.new_version, "remind": services.send_reminders}
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect(questionnaire)
    try:
        result = action(questionnaire=questionnaire, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(questionnaire)
    if isinstance(result, Questionnaire) and result.pk != questionnaire.pk:
        messages.success(request, _("A new version has been made; the answered one is kept as it was."))
        return redirect(result)
    if isinstance(result, int):
        messages.success(request, _("%(count)d reminders sent.") % {"count": result})
    else:
        messages.success(request, _("Saved."))
    return redirect(questionnaire)


@login_required
def questionnaire_results(request, pk):
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("project"), pk=pk)
    if not request.user.has_perm("surveys.view_results", questionnaire):
        raise PermissionDenied
    form, filters = list_filters.result_filters(questionnaire, request.GET)
    if "texts" in request.GET:
        return _all_texts(request, questionnaire, form, filters)
    state = remembered.stamp(questionnaire)
    found = remembered.remembered(questionnaire, state, ("summary", filters, TEXTS_ON_PAGE), lambda: results.summary(
        questionnaire, filters, by_municipality=False, texts_shown=TEXTS_ON_PAGE))
    places = counts = None
    if not found.hidden:
        page = _number(request.GET.get("places"))
        places = remembered.remembered(questionnaire, state, ("places", filters, page),
                                       lambda: results.places(questionnaire, filters, page=page))
        counts = remembered.remembered(questionnaire, state, ("texts", filters),
                                       lambda: results.text_counts(questionnaire, filters))
    for result in found.distributions:
        result.chart = charts.bars(result)
        result.text_count = counts.get(result.question.pk, 0) if counts else 0
    return render(request, "surveys/results.html", {
        "questionnaire": questionnaire, "form": form, "hidden": found.hidden, "fewer_than": results.fewer_than(),
        "responses": found.selection.responses, "distributions": found.distributions, "ranking": found.ranking,
        "ranking_chart": charts.ranking(found.ranking), "places": places,
        "ranking_by_municipality": places.rows if places else [],
        "places_previous": _with(request, places=places.page - 1) if places and places.page > 1 else "",
        "places_next": _with(request, places=places.page + 1) if places and places.page < places.pages else "",
        "rates": remembered.remembered(questionnaire, state, ("rates",),
                                       lambda: results.response_rates(questionnaire)),
        "query": request.GET.urlencode(),
    })


# Free texts on the results page per question; the rest on its own pages (?texts=<question>), TEXTS_PER_PAGE each.
TEXTS_ON_PAGE = 20
TEXTS_PER_PAGE = 50


def _with(request, **params) -> str:
    query = request.GET.copy()
    for name, value in params.items():
        query[name] = value
    return "?" + query.urlencode()


def _number(value) -> int:
    return int(value) if value and value.isdigit() else 1


def _all_texts(request, questionnaire, form, filters):
    question = get_object_or_404(Question, pk=_number(request.GET.get("texts")), section__questionnaire=questionnaire)
    if results.selection(questionnaire, filters).hidden:
        raise Http404
    page = paginate(request, results.texts(questionnaire, question, filters), TEXTS_PER_PAGE)
    back = request.GET.copy()
    for name in ("texts", "page"):
        back.pop(name, None)
    return render(request, "surveys/results_texts.html", {
        "questionnaire": questionnaire, "question": question, "page_obj": page, "back": back.urlencode(),
    })


def coverage(request, pk):
    project = get_object_or_404(Project, pk=pk)
    can_edit = request.user.has_perm("surveys.change_need", Need(project=project))
    form = NeedFilterForm(request.GET or None)
    topic = form.cleaned_data.get("topic") if form.is_valid() else None
    return render(request, "surveys/coverage.html", {
        "project": project, **results.coverage(project, topic=topic), "can_edit": can_edit, "form": form,
        "link_activities": list(NeedLinkForm(project=project).fields["activity"].queryset) if can_edit else [],
        "all_topics": list(topics_for_choice(Topic.objects.all())) if can_edit else [],
    })


@login_required
@require_POST
def need_topics(request, pk):
    need = get_object_or_404(Need.objects.select_related("project"), pk=pk)
    form = NeedTopicsForm(request.POST)
    if form.is_valid():
        try:
            services.set_need_topics(need=need, topics=form.cleaned_data["topics"], by=request.user)
        except DomainError as error:
            raise PermissionDenied from error
        messages.success(request, _("Saved."))
    return redirect(reverse("surveys:coverage", args=[need.project_id]) + f"#need-{need.pk}")


@login_required
@require_POST
def link_need(request, pk):
    need = get_object_or_404(Need.objects.select_related("project"), pk=pk)
    form = NeedLinkForm(request.POST, project=need.project)
    if not form.is_valid():
        messages.error(request, _("Choose an activity of the project."))
    else:
        try:
            services.link_need(need=need, activity=form.cleaned_data["activity"], by=request.user,
                               linked=request.POST.get("action") != "unlink")
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect("surveys:coverage", pk=need.project_id)


@login_required
def questionnaire_new(request, pk):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("surveys.add_questionnaire", Questionnaire(project=project)):
        raise PermissionDenied
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            questionnaire = services.create_questionnaire(
                titles={lang: data[f"title_{lang}"] for lang in ("lv", "lt", "en")},
                introductions={"lv": data["introduction_lv"]}, sections=[], project=project, by=request.user,
                purpose=data["purpose"], anonymous=data["anonymous"], open_link=data["open_link"],
                opens_at=data["opens_at"], closes_at=data["closes_at"])
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The questionnaire has been created. Add its questions."))
            return redirect(questionnaire)
    return render(request, "surveys/questionnaire_new.html", {"project": project, "form": form})


@login_required
@require_POST
def question_add(request, pk):
    questionnaire = _managed(request, pk)
    form = QuestionForm(request.POST, questionnaire=questionnaire)
    if form.is_valid():
        try:
            services.add_question(questionnaire=questionnaire, question=form.question(
                Need.objects.filter(project=questionnaire.project_id).order_by("code")),
                section=form.cleaned_data["section"], section_titles=form.section_titles(), by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The question has been added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(questionnaire)


@login_required
@require_POST
def question_remove(request, pk):
    question = get_object_or_404(Question.objects.select_related("section__questionnaire"), pk=pk)
    questionnaire = _managed(request, question.section.questionnaire_id)
    try:
        services.remove_question(question=question, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question has been removed."))
    return redirect(questionnaire)
