from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="mine"),
    path("people/<int:pk>/", views.person_data, name="person"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
]
