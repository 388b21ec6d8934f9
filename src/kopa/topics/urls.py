from django.urls import path

from . import views

app_name = "topics"
urlpatterns = [
    path("", views.topic_list, name="list"),
    path("new/", views.topic_new, name="new"),  # before <slug>: the services never give a topic the slug "new"
    path("<slug:slug>/", views.topic_detail, name="topic"),
    path("<slug:slug>/edit/", views.topic_edit, name="edit"),
]
