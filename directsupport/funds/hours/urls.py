"""Hours: a person's hours and sessions, and suppliers' timesheets. ``pk`` is the person's id."""

from django.urls import path

from . import timesheet_views, views

urlpatterns = [
    path("people/<id:pk>/hours/", views.hours, name="hours"),
    path("people/<id:pk>/hours/new/", views.session_new, name="session_new"),
    path("timesheets/", timesheet_views.timesheets, name="timesheets"),
    path("timesheets/import/", timesheet_views.timesheet_import, name="timesheet_import"),
    path("timesheets/<id:timesheet_pk>/", timesheet_views.timesheet, name="timesheet"),
]
