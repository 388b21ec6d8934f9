from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate

from . import queries, services
from .forms import TopicForm, TopicSearchForm
from .models import Topic


def topic_list(request):
    form = TopicSearchForm(request.GET or None)
    form.is_valid()  # a too long search is reported on the form; the list is then shown whole
    text = getattr(form, "cleaned_data", {}).get("q") or ""
    page = paginate(request, queries.topic_list(text))
    return render(request, "topics/topic_list.html", {"form": form, "page": page})


# The page names the first narrower topics; all of them are a page of their own (?narrower=all&page=…).
NARROWER_SHOWN = 20


def topic_detail(request, slug):
    topic = (Topic.objects.select_related("parent").annotate(narrower_total=Count("children"))
             .filter(slug=slug).first())
    if topic is None:
        return render(request, "core/not_found.html", status=404)
    if request.GET.get("narrower") == "all":
        return render(request, "topics/topic_narrower.html", {
            "topic": topic, "page": paginate(request, queries.topics_for_choice(topic.children.all()), 50)})
    # A section shows its latest records; all of them are a page of their own (?section=…&page=…).
    found = queries.section_records(topic, request.GET["section"]) if request.GET.get("section") else None
    if found:
        section, records = found
        return render(request, "topics/topic_section.html", {
            "topic": topic, "section": section, "page": paginate(request, records, 50)})
    return render(request, "topics/topic_detail.html", {
        "topic": topic, "page": queries.topic_page(topic, narrower_shown=NARROWER_SHOWN)})


@login_required
def topic_new(request):
    if not request.user.has_perm("topics.add_topic"):
        raise PermissionDenied
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.add_topic(by=request.user, **form.cleaned_data)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The topic has been added."))
            return redirect(topic)
    return render(request, "topics/topic_form.html", {"form": form, "topic": None})


@login_required
def topic_edit(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    if not request.user.has_perm("topics.change_topic", topic):
        raise PermissionDenied
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.update_topic(topic=topic, by=request.user, **form.cleaned_data)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The topic has been saved."))
            return redirect(topic)
    return render(request, "topics/topic_form.html", {"form": form, "topic": topic})
