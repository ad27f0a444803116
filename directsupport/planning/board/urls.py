"""The quick-capture board of one person (``pk``), their best guesses and graphic recordings.

Mounted at /planning/people/<pk>/planning-live/ in the ``planning`` namespace.
"""

from django.urls import path

from .views import best_guesses, board, recordings

urlpatterns = [
    path("", board.board, name="board"),
    path("notes/add/", board.note_add, name="note_add"),
    path("best-guesses/", best_guesses.best_guesses, name="best_guesses"),
    path("notes/<id:note_pk>/check/", best_guesses.note_check, name="note_check"),
    path("recordings/add/", recordings.recording_add, name="recording_add"),
    path("recordings/<id:recording_pk>/", recordings.recording_image, name="recording_image"),
]
