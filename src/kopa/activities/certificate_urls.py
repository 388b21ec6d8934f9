from django.urls import path

from . import certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.verify, name="verify"),
]
