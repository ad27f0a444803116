"""(filled in by the hours work)"""

from django.urls import path

urlpatterns: list = []
