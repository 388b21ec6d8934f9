from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("mine/", views.my_activities, name="mine"),
    path("<int:pk>/", views.activity_detail, name="activity"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/registrations/<int:registration_pk>/", views.registration_action, name="registration_action"),
    path("<int:pk>/attendance/", views.mark_attendance, name="attendance"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/votes/<int:poll_pk>/", views.vote, name="vote"),
]
