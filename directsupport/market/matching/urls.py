"""The Right Support's pages: finding support for one need (/market/people/<pk>/needs/<need_pk>/
match/, where pk is the person's), recording the choice, the easy-read shortlist, and the
borough's market view with its CSV."""

from django.urls import path

from . import market_views, match_views

NEED = "people/<id:pk>/needs/<id:need_pk>/match/"

urlpatterns = [
    path(NEED, match_views.match, name="match"),
    path(f"{NEED}choose/", match_views.match_choose, name="match_choose"),
    path(f"{NEED}easy-read/", match_views.match_easy_read, name="match_easy_read"),
    path("borough/", market_views.market_view_page, name="market_view"),
    path("borough/market-view.csv", market_views.market_view_csv, name="market_view_csv"),
]
