"""The optimiser's pages: the runs with the start form, one run's report and its proposals,
and deciding one proposal."""

from django.urls import path

from . import views

urlpatterns = [
    path("optimiser/", views.run_list, name="run_list"),
    path("optimiser/<id:run_pk>/", views.run_detail, name="run_detail"),
    path(
        "optimiser/<id:run_pk>/proposals/<id:proposal_pk>/decide/",
        views.run_proposal_decide,
        name="run_proposal_decide",
    ),
]
