"""Plan Books for everyone at an event, made in the background (see views/batch.py).

Mounted at /planning/events/<event_pk>/plan-books/ in the ``planning`` namespace.
"""

from django.urls import path

from .views import batch

urlpatterns = [
    path("", batch.batch_start, name="batch_start"),
    path("<id:batch_pk>/", batch.batch_detail, name="batch_detail"),
    path("<id:batch_pk>/status.json", batch.batch_status, name="batch_status"),
    path("<id:batch_pk>/download/", batch.batch_download, name="batch_download"),
]
