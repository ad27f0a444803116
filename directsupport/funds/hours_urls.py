"""Hours and banking: a person's hours and sessions, suppliers' timesheets, money and hours banked
for a purpose. ``pk`` is the person's id."""

from django.urls import path

from .views import banking, hours, timesheets

urlpatterns = [
    path("people/<int:pk>/hours/", hours.hours, name="hours"),
    path("people/<int:pk>/hours/new/", hours.session_new, name="session_new"),
    path("timesheets/", timesheets.timesheets, name="timesheets"),
    path("timesheets/import/", timesheets.timesheet_import, name="timesheet_import"),
    path("timesheets/<int:timesheet_pk>/", timesheets.timesheet, name="timesheet"),
    path("people/<int:pk>/banked/", banking.banked, name="banked"),
    path("people/<int:pk>/banked/new/", banking.pot_new, name="pot_new"),
    path("people/<int:pk>/banked/<int:pot_pk>/bank/", banking.bank_into_pot, name="bank"),
    path("people/<int:pk>/banked/<int:pot_pk>/use/", banking.use_banked_money, name="use_banked"),
]
