from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.everything, name="everything"),
    path("<str:model>/<str:object_id>/", views.object_history, name="object"),
]
