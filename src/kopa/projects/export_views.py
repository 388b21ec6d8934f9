"""The project list's export: the filtered list as CSV or XLSX, at once or, when long, as an export job."""

from kopa.exports.responses import export_response


def project_export(request):
    """Amounts as stated, in euros, and as the pages show them."""
    query = request.GET.copy()
    for name in ("format", "page"):
        query.pop(name, None)
    return export_response(request, kind="projects.list", parameters={"query": query.urlencode()},
                           file_format=request.GET.get("format", "xlsx"), filename="projects")
