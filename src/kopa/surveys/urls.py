from django.urls import path

from . import export_views, views

app_name = "surveys"
urlpatterns = [
    path("answer/<uuid:token>/", views.answer, name="answer"),
    path("open/<uuid:token>/", views.answer_open, name="answer_open"),
    path("<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("<int:pk>/action/", views.questionnaire_action, name="action"),
    path("<int:pk>/results/", views.questionnaire_results, name="results"),
    path("<int:pk>/export.<str:kind>", export_views.questionnaire_export, name="export"),
    path("<int:pk>/questions/", views.question_add, name="question_add"),
    path("questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("projects/<int:pk>/new/", views.questionnaire_new, name="new"),
    path("projects/<int:pk>/needs/", views.coverage, name="coverage"),
    path("needs/<int:pk>/link/", views.link_need, name="link_need"),
    path("needs/<int:pk>/topics/", views.need_topics, name="need_topics"),
]
