"""(filled in by the agreement work)"""

from django.urls import path

urlpatterns: list = []
