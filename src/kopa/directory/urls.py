from django.urls import path

from kopa.core import pickers

from . import views

app_name = "directory"
urlpatterns = [
    path("pick/<slug:kind>/", pickers.pick, name="pick"),
    path("municipalities/", views.municipality_list, name="municipalities"),
    path("municipalities/new/", views.place_add, name="place_add"),
    path("municipalities/<str:code>/", views.municipality_detail, name="municipality"),
    path("municipalities/<str:code>/edit/", views.place_edit, name="place_edit"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_add, name="organisation_add"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/departments/new/", views.department_add, name="department_add"),
    path("organisations/<slug:slug>/relationships/new/", views.relationship_add, name="relationship_add"),
    path("people/new/", views.person_add, name="person_add"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/positions/new/", views.position_add, name="position_add"),
    path("directory/<str:kind>/<str:reference>/variants/new/", views.variant_add, name="variant_add"),
    path("directory/<str:kind>/<str:reference>/review/", views.review, name="review"),
    path("directory/awaiting-review/", views.awaiting_review, name="awaiting_review"),
    path("directory/merge/<str:kind>/", views.merge, name="merge"),
]
