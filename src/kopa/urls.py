from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page

from kopa.api.routes import api
from kopa.publications import site
from kopa.publications.sitemaps import SITEMAPS

SITEMAP_SECONDS = 3600

admin.site.site_header = _("Kopā back office")
admin.site.site_title = _("Kopā back office")
admin.site.index_title = _("Back office")

urlpatterns = [
    path("api/", api.urls),
    # An index of sections, each paged (publications.sitemaps), so no answer grows with the data.
    # Kept an hour in the cache: a crawler reads them now and then, and at EU size the index counts five big tables
    # and a page names 1,800 addresses (bench/scale_bench.py); a new article appears in them within the hour.
    path("sitemap.xml", cache_page(SITEMAP_SECONDS)(sitemap_index),
         {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", cache_page(SITEMAP_SECONDS)(sitemap), {"sitemaps": SITEMAPS},
         name="sitemap-section"),
]
urlpatterns += i18n_patterns(
    path("", include((site.urlpatterns, "core"))),
    path("news/", include("kopa.publications.urls")),
    path("surveys/", include("kopa.surveys.urls")),
    path("projects/", include("kopa.projects.urls")),
    path("activities/", include("kopa.activities.urls")),
    path("certificates/", include("kopa.activities.certificate_urls")),
    path("lean/", include("kopa.lean.urls")),
    path("topics/", include("kopa.topics.urls")),
    path("sources/", include("kopa.sources.urls")),
    path("", include("kopa.directory.urls")),
    path("accounts/", include("kopa.accounts.urls")),
    path("messages/", include("kopa.messaging.urls")),
    path("privacy/", include("kopa.privacy.urls")),
    path("history/", include("kopa.audit.urls")),
    path("my-work/", include("kopa.workspace.urls")),
    path("exports/", include("kopa.exports.urls")),
    path("admin/", admin.site.urls),
)

# A database outage answers 503 "try again in a minute", any other failure a plain 500 page (kopa.core.failures).
handler500 = "kopa.core.failures.server_error"
