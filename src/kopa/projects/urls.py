from django.urls import path

from . import export_views, views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export/", export_views.project_export, name="export"),
    path("new/", views.project_new, name="new"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/funds/new/", views.fund_new, name="fund_new"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme"),
    path("programmes/<slug:code>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/funding/", views.funding_share_set, name="funding"),
    path("<int:pk>/add/<slug:what>/", views.project_add, name="add"),
    path("<int:pk>/remove/<slug:what>/<int:item_pk>/", views.project_remove, name="remove"),
    path("<int:pk>/partners/<int:partnership_pk>/", views.partner_edit, name="partner"),
    path("rates/", views.exchange_rates, name="rates"),
]
