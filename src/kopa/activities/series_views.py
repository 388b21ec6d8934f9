"""The public page of a series: its activities in order, with the numbers nobody has recorded shown as gaps."""

from django.shortcuts import get_object_or_404, render

from kopa.core.pages import paginate
from kopa.core.translated import in_language_order

from .models import Series
from .queries import series_page


def series_list(request):
    series = Series.objects.select_related("project", "organiser").order_by(in_language_order("name"), "pk")
    return render(request, "activities/series_list.html", {"page": paginate(request, series)})


def series_detail(request, slug):
    series = get_object_or_404(Series.objects.select_related("project", "organiser").prefetch_related("topics"),
                               slug=slug)
    rows = series_page(series)
    return render(request, "activities/series_detail.html", {
        "series": series, "rows": rows, "gaps": sum(1 for r in rows if r["number"] and not r["activity"])})
