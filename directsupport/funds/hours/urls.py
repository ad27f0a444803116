"""Hours and banking: a person's hours and sessions, suppliers' timesheets, money and hours banked
for a purpose. ``pk`` is the person's id."""

from django.urls import path

from ..views import banking
from . import timesheet_views, views

urlpatterns = [
    path("people/<id:pk>/hours/", views.hours, name="hours"),
    path("people/<id:pk>/hours/new/", views.session_new, name="session_new"),
    path("timesheets/", timesheet_views.timesheets, name="timesheets"),
    path("timesheets/import/", timesheet_views.timesheet_import, name="timesheet_import"),
    path("timesheets/<id:timesheet_pk>/", timesheet_views.timesheet, name="timesheet"),
    path("people/<id:pk>/banked/", banking.banked, name="banked"),
    path("people/<id:pk>/banked/new/", banking.pot_new, name="pot_new"),
    path("people/<id:pk>/banked/<id:pot_pk>/bank/", banking.bank_into_pot, name="bank"),
    path("people/<id:pk>/banked/<id:pot_pk>/use/", banking.use_banked_money, name="use_banked"),
]
