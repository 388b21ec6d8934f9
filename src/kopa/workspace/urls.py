from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("activities/<slug:name>/", views.activities, name="activities"),
    path("projects/", views.projects, name="projects"),
    path("articles/", views.articles_in_review, name="articles"),
]
