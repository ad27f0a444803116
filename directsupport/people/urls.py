from django.urls import include, path

from .views import record

app_name = "people"

urlpatterns = [
    path("", record.people_list, name="list"),
    path("<int:pk>/", record.person_detail, name="detail"),
    # The circle of support, permissions and the easy-read page (people/circle_urls.py).
    path("<int:pk>/", include("directsupport.people.circle_urls")),
]
