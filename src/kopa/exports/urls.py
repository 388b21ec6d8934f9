from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("", views.my_exports, name="mine"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/download/", views.job_download, name="download"),
]
