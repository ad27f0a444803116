"""(filled in by the contract work)"""

from django.urls import path

urlpatterns: list = []
