"""The market shaper's Open Referral UK import page (under /market/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("suppliers/import/", views.openreferral_import, name="openreferral_import"),
]
