"""The monthly routine across every live ISF: open the month, make the statements."""

from django.urls import path

from .views import months

urlpatterns = [
    path("months/", months.months, name="months"),
]
