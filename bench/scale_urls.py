"""The bench-only URL conf of bench.scale_bench: Kopā's own URLs plus the framework floor, two views that exist
only here (never in the product): a bare view answering "ok", and a 50-row ORM table rendered through a template,
served by the same middleware, server process and database as every page measured."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from kopa import urls as kopa_urls
from kopa.directory.models import Organisation

FLOOR_OK = "/bench-floor/ok/"
FLOOR_TABLE = "/bench-floor/table/"

_TABLE = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>floor</title></head><body>"
    "<table><thead><tr><th>Name</th><th>Kind</th><th>Country</th><th>Municipality</th></tr></thead><tbody>"
    "{% for o in rows %}<tr><td><a href='/organisations/{{ o.slug }}/'>{{ o.name }}</a></td>"
    "<td>{{ o.get_kind_display }}</td><td>{{ o.country.code }}</td><td>{{ o.municipality.name }}</td></tr>"
    "{% endfor %}</tbody></table></body></html>"
)


def floor_ok(request):
    return HttpResponse("ok", content_type="text/plain")


def floor_table(request):
    rows = Organisation.objects.select_related("country", "municipality").order_by("pk")[:50]
    return HttpResponse(_TABLE.render({"rows": rows}, request))


urlpatterns = [
    path(FLOOR_OK.strip("/") + "/", floor_ok),
    path(FLOOR_TABLE.strip("/") + "/", floor_table),
    *kopa_urls.urlpatterns,
]
handler500 = kopa_urls.handler500
