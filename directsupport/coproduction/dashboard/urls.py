from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("programme/", views.dashboard, name="dashboard"),
    path("programme/export.csv", views.dashboard_csv, name="dashboard_csv"),
    path("programme/export.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("programme/report.pdf", views.dashboard_pdf, name="dashboard_pdf"),
]
