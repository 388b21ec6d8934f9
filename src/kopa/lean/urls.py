from django.urls import path

from . import views

app_name = "lean"
urlpatterns = [
    path("", views.service_list, name="services"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/event-logs/", views.upload, name="upload"),
]
