from django.urls import path

from . import views

app_name = "sources"
urlpatterns = [
    # A record is named by its kind ("activities.activity") and number, the same as in the API.
    path("cite/<str:label>/<int:object_id>/", views.cite, name="cite"),
    path("citations/<int:pk>/remove/", views.uncite, name="uncite"),
]
