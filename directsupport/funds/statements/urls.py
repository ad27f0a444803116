"""A person's monthly statements (month as "2026-10") and the council's reconciliation."""

from django.urls import path

from ..views import reconciliation
from . import views

urlpatterns = [
    path("people/<id:pk>/statements/", views.statements, name="statements"),
    path("people/<id:pk>/statements/<str:month>/", views.statement, name="statement"),
    path(
        "people/<id:pk>/statements/<str:month>/easy-read/",
        views.statement_easy_read,
        name="statement_easy_read",
    ),
    path(
        "people/<id:pk>/statements/<str:month>/pdf/",
        views.statement_pdf,
        name="statement_pdf",
    ),
    path(
        "councils/<id:council_pk>/reconciliation/",
        reconciliation.reconciliation,
        name="reconciliation",
    ),
    path(
        "councils/<id:council_pk>/reconciliation/csv/",
        reconciliation.reconciliation_csv,
        name="reconciliation_csv",
    ),
    path(
        "councils/<id:council_pk>/reconciliation/xlsx/",
        reconciliation.reconciliation_xlsx,
        name="reconciliation_xlsx",
    ),
]
