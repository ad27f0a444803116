"""The full lists behind the home page's Planning Live panels (see views.py).

Mounted at /planning/ in the ``planning`` namespace.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("best-guesses/", views.best_guesses_waiting, name="best_guesses_waiting"),
]
