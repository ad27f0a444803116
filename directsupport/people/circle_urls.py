from django.urls import path

from .views import easy_read

urlpatterns = [
    path("easy-read/", easy_read.easy_read, name="easy_read"),
]
