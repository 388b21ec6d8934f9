from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("activities/<int:pk>/", views.activity_messages, name="activity"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
