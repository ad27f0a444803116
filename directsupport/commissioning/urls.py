"""Commissioning's pages, one module of URLs per concept. Every name is prefixed by its concept
(request_…, offer_…, fair_cost_…, contract_…, pool_…, run_…) so they share one namespace."""

from django.urls import include, path

app_name = "commissioning"

urlpatterns = [
    path("", include("directsupport.commissioning.requests.urls")),
    path("", include("directsupport.commissioning.offers.urls")),
    path("", include("directsupport.commissioning.fair_cost.urls")),
    path("", include("directsupport.commissioning.contracts.urls")),
    path("", include("directsupport.commissioning.pools.urls")),
    path("", include("directsupport.commissioning.optimiser.urls")),
    path("", include("directsupport.commissioning.overview.urls")),
]
