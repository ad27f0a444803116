from django.urls import path

from . import views

# Still named "audit" (audit:log, audit:export at /audit/): the page moved here from the audit
# app and every link to it stays as it was.
app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("export.csv", views.audit_export, name="export"),
]
