"""Market shaping's pages, one include per concept (each package keeps its own urls.py)."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "market"

# Each concept package adds one line: path("", include("directsupport.market.<concept>.urls")).
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("directsupport.market.preferred.urls")),
    path("", include("directsupport.market.directory.urls")),
    path("", include("directsupport.market.openreferral.urls")),
    path("", include("directsupport.market.needs.urls")),
    path("", include("directsupport.market.matching.urls")),
]
