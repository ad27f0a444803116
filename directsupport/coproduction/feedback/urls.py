"""Feedback pages: a person's feedback over time, giving feedback, and a voice note or picture."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/feedback/", views.feedback_person, name="feedback_person"),
    path("people/<id:pk>/feedback/new/", views.feedback_new, name="feedback_new"),
    path(
        "people/<id:pk>/feedback/<id:feedback_pk>/attachment/",
        views.feedback_attachment,
        name="feedback_attachment",
    ),
]
