from django.urls import include, path

from .views import key_dates, photo, record, support_team, who_looked

app_name = "people"

urlpatterns = [
    path("", record.people_list, name="list"),
    path("add/", record.person_add, name="add"),
    path("<int:pk>/", record.person_detail, name="detail"),
    path("<int:pk>/change/", record.person_edit, name="edit"),
    path("<int:pk>/photo/", photo.person_photo, name="photo"),
    path("<int:pk>/key-dates/add/", key_dates.key_date_add, name="key_date_add"),
    path(
        "<int:pk>/key-dates/<int:key_date_pk>/remove/",
        key_dates.key_date_remove,
        name="key_date_remove",
    ),
    path("<int:pk>/support-team/", support_team.support_team, name="support_team"),
    path(
        "<int:pk>/support-team/<int:worker_pk>/remove/",
        support_team.support_team_remove,
        name="support_team_remove",
    ),
    path("<int:pk>/who-looked/", who_looked.who_looked, name="who_looked"),
    # The circle of support, permissions and the easy-read page (people/circle_urls.py).
    path("<int:pk>/", include("directsupport.people.circle_urls")),
]
