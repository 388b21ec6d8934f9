from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("municipalities/", views.municipality_list, name="municipalities"),
    path("municipalities/<str:code>/", views.municipality_detail, name="municipality"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
]
