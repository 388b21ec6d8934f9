from django.urls import path

from . import editing, views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("mine/", views.my_activities, name="mine"),
    path("new/", editing.activity_new, name="new"),
    path("<int:pk>/edit/", editing.activity_edit, name="edit"),
    path("<int:pk>/participation/", editing.participation, name="participation"),
    path("<int:pk>/participation/<int:participation_pk>/remove/", editing.participation_remove,
         name="participation_remove"),
    path("<int:pk>/headcounts/<int:headcount_pk>/remove/", editing.headcount_remove, name="headcount_remove"),
    path("working-groups/", views.working_group_list, name="working_groups"),
    path("working-groups/<slug:slug>/", views.working_group_detail, name="working_group"),
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/status/", views.activity_status, name="status"),
    path("photos/<int:photo_pk>/image", views.photo_image, name="photo_image"),
    path("materials/<int:material_pk>/file", views.material_file, name="material_file"),
    path("<int:pk>/photos/<int:photo_pk>/publish/", views.publish_photo, name="publish_photo"),
    path("<int:pk>/votes/<int:poll_pk>/status/", views.poll_status, name="poll_status"),
    path("<int:pk>/", views.activity_detail, name="activity"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/registrations/<int:registration_pk>/", views.registration_action, name="registration_action"),
    path("<int:pk>/attendance/", views.mark_attendance, name="attendance"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/votes/<int:poll_pk>/", views.vote, name="vote"),
    path("<int:pk>/sign-in-sheet.pdf", views.sign_in_sheet, name="sign_in_sheet"),
    path("<int:pk>/registrations/<int:registration_pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:pk>/registrations/<int:registration_pk>/code.svg", views.qr_code, name="qr_code"),
    path("<int:pk>/check-in/<uuid:token>/", views.check_in_by_code, name="check_in_code"),
    path("<int:pk>/participants/", views.export_activity, name="export"),
    path("<int:pk>/calendar.ics", views.activity_ics, name="ics"),
    path("projects/<int:project_pk>/participants/", views.export_project, name="export_project"),
    path("projects/<int:project_pk>/calendar.ics", views.project_ics, name="project_ics"),
    path("organisations/<slug:slug>/calendar.ics", views.organisation_ics, name="organisation_ics"),
]
