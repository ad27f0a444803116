from django.urls import path

from . import views

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/export.csv", views.decision_export, name="decision_export"),
    path("decisions/export.xlsx", views.decision_export_xlsx, name="decision_export_xlsx"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<id:decision_pk>/", views.decision_detail, name="decision_detail"),
    path("people/<id:pk>/decisions/", views.decisions_person, name="decisions_person"),
    path("people/<id:pk>/decisions/new/", views.decision_person_new, name="decision_person_new"),
]
