"""Two versions of a person's Plan Book side by side, with what changed in words.

Mounted at /planning/people/<pk>/plan-book/ in the ``planbook`` namespace.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("compare/", views.plan_book_compare, name="plan_book_compare"),
]
