from django.shortcuts import render

from kopa.directory.models import Municipality, Organisation
from kopa.projects import queries as project_queries


def home(request):
    projects = project_queries.project_list()[:6]
    counts = {
        "projects": project_queries.project_list().count(),
        "organisations": Organisation.objects.count(),
        "municipalities": Municipality.objects.filter(valid_to__isnull=True).count(),
    }
    return render(request, "core/home.html", {"projects": projects, "counts": counts})
