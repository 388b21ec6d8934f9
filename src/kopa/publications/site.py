"""The public site's own pages: home, search and the accessibility statement (URL names core:…)."""

from django import forms
from django.core.cache import cache
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopa.activities.models import Activity
from kopa.core.pickers import use_pickers
from kopa.directory.models import Municipality, Organisation
from kopa.knowledge import queries as knowledge_queries
from kopa.projects import queries as project_queries
from kopa.projects.models import Project
from kopa.topics.forms import TopicFilterField

from . import queries


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search news, projects and activities"), max_length=200, min_length=2)
    kind = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("news, projects and activities")), ("article", _("news")), ("project", _("projects")),
        ("activity", _("activities"))])
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all(), required=False,
                                     empty_label=_("all projects"), to_field_name="code")
    topic = TopicFilterField()
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_pickers(self, "project")  # typed, not a <select> of every project


# The home page's headline figures are kept this long: three COUNTs over whole tables on every visit, for figures
# a reader takes in at a glance (at EU size 20,000 projects, 90,000 organisations and municipalities).
HEADLINE_SECONDS = 300


def _headline_counts() -> dict:
    counts = cache.get("kopa:home:counts")
    if counts is None:
        counts = {
            "projects": project_queries.project_list().count(),
            "organisations": Organisation.objects.count(),
            "municipalities": Municipality.objects.filter(valid_to__isnull=True).count(),
        }
        cache.set("kopa:home:counts", counts, HEADLINE_SECONDS)
    return counts


def home(request):
    # The next ones by their first day, among those not yet over. Ordered by Coalesce(start, end) rather than the
    # first day alone: on the start_date index PostgreSQL walks every past activity before the first coming one
    # (17,000 rows at a tenth of EU size); this way it reads those not yet over from the end-date index and sorts
    # them, which costs what is coming, not all of history. The five are chosen on the index's columns alone, then
    # read with their projects.
    order = (Coalesce("start_date", "end_date"), "pk")
    chosen = list(Activity.objects.filter(end_date__gte=timezone.localdate()).order_by(*order)
                  .values_list("pk", flat=True)[:5])
    upcoming = Activity.objects.filter(pk__in=chosen).select_related("project").order_by(*order)
    return render(request, "core/home.html", {
        "news": queries.news_list()[:5],
        "upcoming": upcoming,
        "projects": project_queries.project_list()[:6],
        "counts": _headline_counts(),
        "search_form": SearchForm(),
    })


def search(request):
    form = SearchForm(request.GET or None)
    # The page number is not a field: a new query typed into the form starts again at the first page.
    page = request.GET.get("page", "1")
    page = min(int(page), 500) if page.isdigit() and int(page) > 0 else 1
    results = knowledge_queries.search_page(**form.cleaned_data, page=page) if form.is_valid() else None
    return render(request, "core/search.html", {"form": form, "results": results})


def accessibility(request):
    return render(request, "core/accessibility.html")


urlpatterns = [
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("accessibility/", accessibility, name="accessibility"),
]
