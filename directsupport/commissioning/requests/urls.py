"""Requests for quote: the provider's pages under requests/ (and the new request from a person's
need), the supplier portal's under portal/requests/."""

from django.urls import path

from . import views

REQUEST = "requests/<id:rfq_pk>/"
PORTAL = "portal/requests/<id:rfq_pk>/"

urlpatterns = [
    path("requests/", views.request_list, name="request_list"),
    path(
        "people/<id:pk>/needs/<id:need_pk>/request/new/",
        views.request_new,
        name="request_new",
    ),
    path(REQUEST, views.request_detail, name="request_detail"),
    path(f"{REQUEST}suppliers/", views.request_invite, name="request_invite"),
    path(f"{REQUEST}send/", views.request_send, name="request_send"),
    path(f"{REQUEST}withdraw/", views.request_withdraw, name="request_withdraw"),
    path("portal/requests/", views.request_portal_list, name="request_portal_list"),
    path(PORTAL, views.request_portal_detail, name="request_portal_detail"),
    path(f"{PORTAL}decline/", views.request_decline, name="request_decline"),
]
