"""The outcomes of one person (``pk``): see views.py here.

Mounted at /planning/people/<pk>/tools/ in the ``planning`` namespace, before the tools' own
urls: "outcomes" would otherwise read as a tool's kind.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("outcomes/", views.outcomes_list, name="outcomes"),
    path("outcomes/add/", views.outcome_add, name="outcome_add"),
    path("outcomes/<id:outcome_pk>/change/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<id:outcome_pk>/remove/", views.outcome_remove, name="outcome_remove"),
    path(
        "outcomes/<id:outcome_pk>/actions/<id:action_pk>/done/",
        views.outcome_action_done,
        name="outcome_action_done",
    ),
]
