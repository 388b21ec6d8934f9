from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kopa.api.routes import api

urlpatterns = [
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("kopa.core.urls")),
    path("projects/", include("kopa.projects.urls")),
    path("", include("kopa.directory.urls")),
    path("accounts/", include("kopa.accounts.urls")),
    path("admin/", admin.site.urls),
)
