"""The council's reconciliation across its ISFs for a month: on screen, as CSV and as XLSX."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "councils/<id:council_pk>/reconciliation/",
        views.reconciliation,
        name="reconciliation",
    ),
    path(
        "councils/<id:council_pk>/reconciliation/csv/",
        views.reconciliation_csv,
        name="reconciliation_csv",
    ),
    path(
        "councils/<id:council_pk>/reconciliation/xlsx/",
        views.reconciliation_xlsx,
        name="reconciliation_xlsx",
    ),
]
