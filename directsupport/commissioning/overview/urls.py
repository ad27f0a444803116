"""One person's requests for quote, contracts and pools: the "My contracts" tab of their pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/commissioning/", views.overview_person, name="overview_person"),
    path(
        "people/<id:pk>/commissioning/easy-read/",
        views.overview_person_easy_read,
        name="overview_person_easy_read",
    ),
]
