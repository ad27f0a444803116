"""The full list behind the home page's "Plan Books waiting" panel.

Mounted at /planning/plan-books/ in the ``planbook`` namespace.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("waiting/", views.plan_books_waiting_list, name="plan_books_waiting"),
]
