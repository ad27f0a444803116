"""A person's monthly statements (month as "2026-10")."""

from django.urls import path

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
]
