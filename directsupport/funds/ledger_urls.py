"""(filled in by the ledger work)"""

from django.urls import path

urlpatterns: list = []
