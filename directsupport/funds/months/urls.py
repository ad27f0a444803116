"""The monthly routine across every live ISF: open the month, make the statements."""

from django.urls import path

from . import views

urlpatterns = [
    path("months/", views.months, name="months"),
]
