from django.urls import path

from .views import record

app_name = "people"

urlpatterns = [
    path("", record.people_list, name="list"),
    path("<int:pk>/", record.person_detail, name="detail"),
    path("<int:pk>/easy-read/", record.person_detail, name="easy_read"),
]
