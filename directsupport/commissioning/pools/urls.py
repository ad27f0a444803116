"""Pools: the list and proposing under pools/, a pool's pages under pools/<id:pool_pk>/."""

from django.urls import path

from . import views

POOL = "pools/<id:pool_pk>/"
MEMBER = f"{POOL}members/<id:pool_member_pk>/"

urlpatterns = [
    path("pools/", views.pool_list, name="pool_list"),
    path("pools/propose/", views.pool_propose, name="pool_propose"),
    path(POOL, views.pool_detail, name="pool_detail"),
    path(f"{POOL}answer/", views.pool_answer, name="pool_answer"),
    path(f"{POOL}close/", views.pool_close, name="pool_close"),
    path(f"{POOL}quote/", views.pool_quote, name="pool_quote"),
    path(f"{MEMBER}answer/", views.pool_member_answer, name="pool_member_answer"),
    path(f"{MEMBER}leave/", views.pool_member_leave, name="pool_member_leave"),
]
