from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kopa.core import concurrency
from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import act, paginate

from . import list_filters, queries, services
from .forms import (
    AchievementForm,
    AliasForm,
    AllocationForm,
    BodyForm,
    CallForm,
    ExchangeRateForm,
    FundingShareForm,
    NewFundForm,
    NewProgrammeForm,
    NewProjectForm,
    OutputForm,
    PartnerFactsForm,
    PriorityForm,
    ProgrammeFactsForm,
    ProjectForm,
    ReportingPeriodForm,
)
from .funding import statements_for
from .models import ExchangeRate, FundingStatement, Partnership, Programme, Project
from .plan_forms import IndicatorForm, PartnerForm, WorkPlanItemForm
from .services import LikelyDuplicates, partners, plan


def project_list(request):
    form, projects = list_filters.project_list(request.GET)
    return render(request, "projects/project_list.html", {"form": form, "page": paginate(request, projects)})


# The project page shows the first of each list; the rest are pages of their own (?list=…&page=…).
PROJECT_LISTS = {"partners": queries.project_partners, "activities": queries.project_activities,
                 "outputs": queries.project_outputs}


def project_detail(request, pk):
    if request.GET.get("list") in PROJECT_LISTS:
        return _project_list_page(request, pk, request.GET["list"])
    try:
        page = queries.project_page(pk, shown=queries.PROJECT_PAGE_SHOWN)
    except Project.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    return render(request, "projects/project_detail.html", {
        "page": page, "project": page.project,
        "statements": statements_for(page.project, FundingStatement.Place.PROJECT_PAGES),
        "articles": page.project.articles.filter(status="published").in_publication_order()[:10],
    })


def _project_list_page(request, pk, which):
    project = get_object_or_404(Project, pk=pk)
    return render(request, "projects/project_list_part.html", {
        "project": project, "which": which, "page": paginate(request, PROJECT_LISTS[which](project), 50),
    })


@login_required
def project_edit(request, pk):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, prefix="project")
    concurrency.guard(form, project)  # another coordinator's save meanwhile is shown, not overwritten
    funding_form = FundingShareForm(prefix="funding")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(project=project, by=request.user, **form.cleaned_data)
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect(project)
    return render(
        request, "projects/project_edit.html", {"project": project, "form": form, "funding_form": funding_form}
    )


@login_required
def funding_share_set(request, pk):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("projects.change_fundingshare", project):
        raise PermissionDenied
    funding_form = FundingShareForm(request.POST or None, prefix="funding")
    if request.method == "POST" and funding_form.is_valid():
        try:
            services.set_funding_share(project=project, by=request.user, **funding_form.cleaned_data)
        except DomainError as error:
            attach_to_form(funding_form, error)
        else:
            messages.success(request, _("The funding share has been saved."))
            return redirect(project)
    form = ProjectForm(instance=project, prefix="project")
    return render(
        request, "projects/project_edit.html", {"project": project, "form": form, "funding_form": funding_form}
    )


@login_required
def exchange_rates(request):
    """The dated rates amounts in currencies with no fixed rate are converted at; coordinators add them."""
    if not request.user.has_perm("projects.add_exchangerate"):
        raise PermissionDenied
    form = ExchangeRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_exchange_rate(by=request.user, **form.cleaned_data)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The rate has been saved."))
            return redirect("projects:rates")
    rates = ExchangeRate.objects.order_by("currency", "-date", "-pk")[:200]
    return render(request, "projects/exchange_rates.html", {"form": form, "rates": rates})


def _add_with_duplicate_check(request, form, add, template: str, context: dict):
    """Run `add(**form.service_kwargs())`; likely duplicates are listed on the page with a choice to use one of
    them or to confirm a new entry, and nothing is saved until then."""
    candidates = []
    if request.method == "POST" and form.is_valid():
        try:
            created = add(by=request.user, **form.service_kwargs())
        except LikelyDuplicates as error:
            candidates = error.candidates
            form.add_error(None, str(error.message))
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("Saved. An administrator will review the addition."))
            return redirect(created)
    return render(request, template, {**context, "form": form, "candidates": candidates})


@login_required
def project_new(request):
    """A coordinator starts a project a text names (code and programme may be unknown) and coordinates it."""
    if not request.user.has_perm("projects.add_project"):
        raise PermissionDenied
    form = NewProjectForm(request.POST or None, prefix="project")
    return _add_with_duplicate_check(request, form, services.create_project, "projects/project_new.html", {})


@login_required
def programme_new(request):
    if not request.user.has_perm("projects.add_programme"):
        raise PermissionDenied
    return _add_with_duplicate_check(request, NewProgrammeForm(request.POST or None), services.add_programme,
                                     "projects/programme_new.html", {})


@login_required
def fund_new(request):
    if not request.user.has_perm("projects.add_fund"):
        raise PermissionDenied
    form = NewFundForm(request.POST or None)

    def add(**kwargs):
        services.add_fund(**kwargs)
        return "projects:programmes"

    return _add_with_duplicate_check(request, form, add, "projects/fund_new.html", {})


def programme_list(request):
    return render(request, "projects/programme_list.html", {"programmes": queries.programme_list()})


def programme_detail(request, code):
    try:
        page = queries.programme_page(code)
    except Programme.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    return render(request, "projects/programme_detail.html", {"page": page, "programme": page.programme})


def _run_form(request, form, call) -> bool:
    """Validate `form` and pass its values to the service `call`; a refusal is shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call(by=request.user, **form.service_kwargs())
    except DomainError as error:
        attach_to_form(form, error)
        return False
    messages.success(request, _("Saved."))
    return True


# What a coordinator adds to a project: (form, service, page title).
PROJECT_ADDITIONS = {
    "partner": (PartnerForm, services.add_partner, _lazy("Add a partner")),
    "work-plan-item": (WorkPlanItemForm, services.add_work_plan_item, _lazy("Add a work plan item")),
    "indicator": (IndicatorForm, services.add_indicator, _lazy("Add an output indicator")),
    "output": (OutputForm, services.add_output, _lazy("Add an output")),
    "achievement": (AchievementForm, services.add_achievement, _lazy("Add a result the project reports")),
    "alias": (AliasForm, services.add_project_alias, _lazy("Add a name variant")),
    "reporting-period": (ReportingPeriodForm, services.add_reporting_period, _lazy("Add a reporting period")),
}


@login_required
def project_add(request, pk, what):
    """Add an output (not an event), a reported result or a name variant to a project."""
    project = get_object_or_404(Project, pk=pk)
    if what not in PROJECT_ADDITIONS:
        return render(request, "core/not_found.html", status=404)
    form_class, service, title = PROJECT_ADDITIONS[what]
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    form = form_class(request.POST or None, request.FILES or None)
    if _run_form(request, form, lambda **kwargs: service(project=project, **kwargs)):
        return redirect(project)
    return render(request, "projects/project_add.html", {"project": project, "form": form, "title": title,
                                                         "what": what})


# What a coordinator removes from a project's page: (the project's related rows, the service, its keyword).
PROJECT_REMOVALS = {
    "partner": ("partnerships", partners.remove_partner, "partnership"),
    "work-plan-item": ("work_plan", plan.remove_work_plan_item, "item"),
    "indicator": ("indicators", plan.remove_indicator, "indicator"),
}


@login_required
@require_POST
def project_remove(request, pk, what, item_pk):
    """A remove button on the project page; the service checks the permission (a refusal is a message)."""
    project = get_object_or_404(Project, pk=pk)
    if what not in PROJECT_REMOVALS:
        return render(request, "core/not_found.html", status=404)
    related, service, keyword = PROJECT_REMOVALS[what]
    item = get_object_or_404(getattr(project, related), pk=item_pk)
    act(request, lambda: service(**{keyword: item}, by=request.user), done=_("Removed."))
    return redirect(project)


@login_required
def partner_edit(request, pk, partnership_pk):
    """A partner's own budget, share and agreement."""
    partnership = get_object_or_404(Partnership.objects.select_related("organisation", "project"),
                                    pk=partnership_pk, project_id=pk)
    project = partnership.project
    if not request.user.has_perm("projects.change_partnership", project):
        raise PermissionDenied
    initial = {name: getattr(partnership, name) for name in services.PARTNER_FIELDS if name != "budget_rate"}
    form = PartnerFactsForm(request.POST or None, initial=initial)
    if _run_form(request, form, lambda **kwargs: services.update_partner(partnership=partnership, **kwargs)):
        return redirect(project)
    return render(request, "projects/partner_edit.html", {"project": project, "partnership": partnership,
                                                          "form": form})


# The forms of the programme's edit page, by the name of their submit button's action.
PROGRAMME_FORMS = {
    "facts": (ProgrammeFactsForm, services.update_programme),
    "alias": (AliasForm, services.add_programme_alias),
    "priority": (PriorityForm, services.add_priority),
    "allocation": (AllocationForm, services.add_allocation),
    "call": (CallForm, services.add_call),
    "body": (BodyForm, services.add_programme_body),
}


@login_required
def programme_edit(request, code):
    """A programme's own facts: description, donors, priorities, allocations, calls and the bodies running it."""
    programme = get_object_or_404(Programme, code=code)
    if not request.user.has_perm("projects.change_programme", programme):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    facts_initial = {"website": programme.website, "start_year": programme.start_year,
                     "end_year": programme.end_year,
                     **{f"description_{lang}": getattr(programme, f"description_{lang}") or ""
                        for lang in ("lv", "lt", "en")}}
    forms = {}
    for name, (form_class, _service) in PROGRAMME_FORMS.items():
        data = request.POST if action == name else None
        kwargs = {"initial": facts_initial} if name == "facts" else {}
        forms[name] = form_class(data, prefix=name, **kwargs)
    if action in PROGRAMME_FORMS:
        service = PROGRAMME_FORMS[action][1]
        if _run_form(request, forms[action], lambda **kwargs: service(programme=programme, **kwargs)):
            return redirect("projects:programme_edit", code=programme.code)
    return render(request, "projects/programme_edit.html", {"programme": programme, "forms": forms})
