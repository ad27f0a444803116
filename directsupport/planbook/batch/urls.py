"""Plan Books for everyone at an event, made in the background (see views.py).

Mounted at /planning/events/<event_pk>/plan-books/ (the address it had inside planning) in
the ``planbook`` namespace.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.batch_start, name="batch_start"),
    path("<id:batch_pk>/", views.batch_detail, name="batch_detail"),
    path("<id:batch_pk>/status.json", views.batch_status, name="batch_status"),
    path("<id:batch_pk>/download/", views.batch_download, name="batch_download"),
]
