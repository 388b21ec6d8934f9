"""The public page of a series: its activities in order, with the numbers nobody has recorded shown as gaps."""

from django.shortcuts import get_object_or_404, render

from kopa.core.pages import paginate

from . import queries
from .forms import SeriesFilterForm
from .models import Series
from .queries import series_page


def series_list(request):
    form = SeriesFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    series = queries.series_list(topic=filters.get("topic"), kind=filters.get("kind") or "",
                                 text=filters.get("q") or "")
    return render(request, "activities/series_list.html", {"form": form, "page": paginate(request, series)})


def series_detail(request, slug):
    series = get_object_or_404(Series.objects.select_related("project", "organiser").prefetch_related("topics"),
                               slug=slug)
    rows = series_page(series)
    return render(request, "activities/series_detail.html", {
        "series": series, "rows": rows, "gaps": sum(1 for r in rows if r["number"] and not r["activity"])})
