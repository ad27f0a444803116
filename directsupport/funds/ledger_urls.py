"""A person's money: the Money tab, their ledger, one transaction, recording money in or out
by hand and correcting an entry."""

from django.urls import path

from .views import ledger, money

urlpatterns = [
    path("people/<id:pk>/", money.money, name="money"),
    path("people/<id:pk>/ledger/", ledger.ledger_page, name="ledger"),
    path("people/<id:pk>/ledger/new/", ledger.posting_new, name="posting_new"),
    path("people/<id:pk>/ledger/<id:txn_pk>/", ledger.transaction_page, name="transaction"),
    path(
        "people/<id:pk>/ledger/<id:txn_pk>/correct/",
        ledger.transaction_reverse,
        name="transaction_reverse",
    ),
]
