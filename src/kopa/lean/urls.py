from django.urls import path

from . import views

app_name = "lean"
urlpatterns = [
    path("", views.service_list, name="services"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/event-logs/", views.upload, name="upload"),
    path("services/<int:pk>/improvements/", views.propose, name="propose"),
    path("services/<int:pk>/map/", views.edit_map, name="edit_map"),
    path("services/<int:pk>/cases/", views.record_cases, name="cases"),
    path("services/<int:pk>/cases/delete/", views.delete_case, name="delete_case"),
    path("services/<int:pk>/cases/analyse/", views.analyse_cases, name="analyse_cases"),
    path("services/<int:pk>/measurements/", views.measurements, name="measurements"),
    path("services/<int:pk>/measurements/compare/", views.compare_measurements, name="compare_measurements"),
    path("measurements/<int:pk>/", views.measurement_detail, name="measurement"),
    path("measurements/<int:pk>/delete/", views.delete_measurement, name="delete_measurement"),
    path("improvements/<int:pk>/", views.improvement_detail, name="improvement"),
    path("improvements/<int:pk>/action/", views.improvement_action, name="improvement_action"),
    path("improvements/<int:pk>/a3.pdf", views.a3_report, name="a3"),
    path("compare/<slug:code>/", views.compare, name="compare"),
]
