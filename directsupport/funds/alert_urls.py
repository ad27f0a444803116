"""Money alerts across the funds a user looks after."""

from django.urls import path

from .views import alerts

urlpatterns = [
    path("alerts/", alerts.alerts_page, name="alerts"),
]
