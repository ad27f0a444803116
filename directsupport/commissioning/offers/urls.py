"""The negotiation pages: threads, the supplier's offer, easy read, compare and choose."""

from django.urls import path

from . import views

urlpatterns = [
    path("requests/<id:rfq_pk>/offers/", views.offer_thread, name="offer_thread"),
    path(
        "portal/requests/<id:rfq_pk>/offer/",
        views.offer_new_for_supplier,
        name="offer_new_for_supplier",
    ),
    path("requests/<id:rfq_pk>/easy-read/", views.offer_easy_read, name="offer_easy_read"),
    path("requests/<id:rfq_pk>/choose/", views.offer_choose, name="offer_choose"),
]
