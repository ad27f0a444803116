"""The person agreeing their Plan Book version, or staff recording an agreement.

Mounted at /planning/people/<pk>/plan-book/ in the ``planbook`` namespace.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("<id:number>/agree/", views.plan_book_agree, name="plan_book_agree"),
]
