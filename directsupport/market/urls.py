"""Market shaping's pages, one include per concept (each package keeps its own urls.py)."""

from django.urls import include, path

app_name = "market"

urlpatterns: list = [
    # path("", include("directsupport.market.directory.urls")),
    # path("", include("directsupport.market.preferred.urls")),
    # path("", include("directsupport.market.needs.urls")),
    # path("", include("directsupport.market.matching.urls")),
]
