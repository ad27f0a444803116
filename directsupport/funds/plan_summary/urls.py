"""The plan summary, under /funds/ in the ``funds`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/plan-summary/", views.plan_summary, name="plan_summary"),
]
