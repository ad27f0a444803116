"""A person's money: the Money tab, their ledger, one transaction, recording money in or out
by hand and correcting an entry."""

from django.urls import path

from . import money_views, views

urlpatterns = [
    path("people/<id:pk>/", money_views.money, name="money"),
    path("people/<id:pk>/ledger/", views.ledger_page, name="ledger"),
    path("people/<id:pk>/ledger/new/", views.posting_new, name="posting_new"),
    path("people/<id:pk>/ledger/<id:txn_pk>/", views.transaction_page, name="transaction"),
    path(
        "people/<id:pk>/ledger/<id:txn_pk>/correct/",
        views.transaction_reverse,
        name="transaction_reverse",
    ),
]
