from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.accounts.permissions import coordinated_project_ids
from kopa.activities.models import Activity
from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate
from kopa.projects.models import Project

from . import compliance, originals, queries, services
from .forms import ArticleForm, ArticleTextsForm, NewArticleForm, NewsFilterForm
from .models import Article
from .rendering import plain_text, render_markdown


def news_list(request):
    form = NewsFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    articles = queries.news_list(project=filters.get("project"), municipality=filters.get("municipality"),
                                 kind=filters.get("kind") or "", year=filters.get("year"),
                                 topic=filters.get("topic"))
    return render(request, "publications/news_list.html", {
        "form": form, "page": paginate(request, articles),
        "can_write": request.user.has_perm("publications.add_article"),
    })


@login_required
def article_new(request):
    """An article of its own (not drafted from an activity or a project): e.g. a news post first published
    elsewhere, recorded with its original date and address."""
    if not request.user.has_perm("publications.add_article"):
        raise PermissionDenied
    projects = Project.objects.order_by("code")
    if not request.user.is_superuser:
        projects = projects.filter(pk__in=coordinated_project_ids(request.user))
    form = NewArticleForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.write_article(by=request.user, texts=form.texts(), project=form.cleaned_data["project"],
                                             original=form.original(), author_line=form.cleaned_data["author_line"])
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The article has been saved as a draft."))
            return redirect("publications:edit", slug=article.slug)
    return render(request, "publications/article_new.html", {"form": form, "languages": settings.LANGUAGES})


def article_detail(request, slug):
    try:
        context = queries.article_page(slug)
    except Article.DoesNotExist:
        raise Http404 from None
    article = context["article"]
    can_edit = request.user.has_perm("publications.change_article", article)
    if article.status != Article.Status.PUBLISHED and not can_edit:
        raise Http404
    context.update({
        "body": render_markdown(article.body),
        "description": plain_text(article.lead)[:300],
        "can_edit": can_edit,
        "absolute_url": request.build_absolute_uri(article.get_absolute_url()),
        # Through the view that checks consent on every read, as the page's own images are.
        "image_url": request.build_absolute_uri(reverse("activities:photo_image", args=[article.lead_photo_id]))
        if article.lead_photo_id and article.lead_photo.image else "",
    })
    return render(request, "publications/article_detail.html", context)


def _writable(request, slug) -> Article:
    article = get_object_or_404(Article.objects.select_related("project", "activity__project"), slug=slug)
    if not request.user.has_perm("publications.change_article", article):
        raise PermissionDenied
    return article


@login_required
def article_edit(request, slug):
    article = _writable(request, slug)
    required = queries.required_statements(article)
    initial = {f"{field}_{code}": getattr(article, f"{field}_{code}")
               for field in services.TEXT_FIELDS for code, _name in settings.LANGUAGES}
    initial.update(author_line=article.author_line, statements=list(article.statements.all()),
                   **ArticleTextsForm.initial_original(originals.original_of(article)))
    statements = {s.pk: s for s in required + list(article.statements.all())}.values()
    form = ArticleForm(request.POST or None, initial=initial, statements=statements)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_article(article=article, by=request.user, texts=form.texts(),
                                  author_line=form.cleaned_data["author_line"],
                                  statements=list(form.cleaned_data["statements"]), original=form.original())
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The article has been saved."))
            return redirect("publications:edit", slug=article.slug)
    return render(request, "publications/article_edit.html", {
        "article": article, "form": form, "problems": compliance.problems(article, required),
        "revisions": article.revisions.select_related("editor")[:20], "languages": settings.LANGUAGES,
    })


@login_required
@require_POST
def article_action(request, slug):
    article = _writable(request, slug)
    action = {"submit": services.submit_for_review, "publish": services.publish,
              "unpublish": services.unpublish}.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            action(article=article, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect("publications:edit", slug=article.slug)


@login_required
@require_POST
def draft_from_activity(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("project"), pk=pk)
    if not request.user.has_perm("publications.add_article", Article(activity=activity, project=activity.project)):
        raise PermissionDenied
    try:
        article = services.draft_from_activity(activity=activity, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(activity)
    messages.success(request, _("A draft has been written from the record. Read it through and edit it."))
    return redirect("publications:edit", slug=article.slug)


@login_required
@require_POST
def draft_for_project(request, pk):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("publications.add_article", Article(project=project)):
        raise PermissionDenied
    article = services.draft_for_project(project=project, by=request.user)
    messages.success(request, _("A draft has been written from the record. Read it through and edit it."))
    return redirect("publications:edit", slug=article.slug)


COMPLIANCE_MATERIALS_SHOWN = 20  # beside the articles; the rest on a page of their own (?show=materials)


@login_required
def compliance_page(request):
    if not request.user.has_perm("publications.view_compliance"):
        raise PermissionDenied
    materials = compliance.materials_lacking(request.user)
    if request.GET.get("show") == "materials":  # all of them, a page at a time
        return render(request, "publications/compliance.html", {"materials_page": paginate(request, materials)})
    page = paginate(request, compliance.articles_lacking(request.user))
    return render(request, "publications/compliance.html", {
        "page": page, "articles": compliance.rows(page.object_list),
        "materials": list(materials[:COMPLIANCE_MATERIALS_SHOWN]), "materials_count": materials.count()})
