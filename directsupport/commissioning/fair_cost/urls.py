"""The fair-cost calculator's pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("fair-cost/", views.fair_cost, name="fair_cost"),
    path("fair-cost/new/", views.fair_cost_new, name="fair_cost_new"),
    path("fair-cost/<id:fair_cost_pk>/edit/", views.fair_cost_edit, name="fair_cost_edit"),
    path(
        "fair-cost/reference-prices/new/",
        views.reference_price_new,
        name="fair_cost_reference_price_new",
    ),
    path(
        "fair-cost/reference-prices/<id:reference_price_pk>/edit/",
        views.reference_price_edit,
        name="fair_cost_reference_price_edit",
    ),
]
