from django.urls import path

from . import my_views, template_views, views

app_name = "messaging"

urlpatterns = [
    path("activities/<int:pk>/", views.activity_messages, name="activity"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("activities/<int:pk>/templates/", template_views.template_list, {"scope": "activity"},
         name="activity_templates"),
    path("activities/<int:pk>/templates/<str:code>/", template_views.template_edit, {"scope": "activity"},
         name="activity_template"),
    path("projects/<int:pk>/templates/", template_views.template_list, {"scope": "project"},
         name="project_templates"),
    path("projects/<int:pk>/templates/<str:code>/", template_views.template_edit, {"scope": "project"},
         name="project_template"),
    path("mine/", my_views.my_mail, name="mine"),
    path("mine/<int:pk>/", my_views.my_message, name="my_message"),
]
