"""(filled in by the alert work)"""

from django.urls import path

urlpatterns: list = []
