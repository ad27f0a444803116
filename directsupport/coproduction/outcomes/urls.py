"""The person's co-production tab, their outcomes' progress and their learning log."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/", views.person_overview, name="person_overview"),
    path("people/<id:pk>/outcomes/", views.outcomes_person, name="outcomes_person"),
    path(
        "people/<id:pk>/outcomes/<id:outcome_pk>/progress/",
        views.outcome_progress_new,
        name="outcome_progress_new",
    ),
    path("people/<id:pk>/learning/", views.learning_log, name="learning_log"),
    path("people/<id:pk>/learning/new/", views.learning_new, name="learning_new"),
    path(
        "people/<id:pk>/learning/<id:learning_pk>/edit/",
        views.learning_edit,
        name="learning_edit",
    ),
]
