from django.urls import include, path

from .views import key_dates, photo, record, support_team, who_looked

app_name = "people"

urlpatterns = [
    path("", record.people_list, name="list"),
    path("add/", record.person_add, name="add"),
    path("<id:pk>/", record.person_detail, name="detail"),
    path("<id:pk>/change/", record.person_edit, name="edit"),
    path("<id:pk>/photo/", photo.person_photo, name="photo"),
    path("<id:pk>/key-dates/add/", key_dates.key_date_add, name="key_date_add"),
    path(
        "<id:pk>/key-dates/<id:key_date_pk>/remove/",
        key_dates.key_date_remove,
        name="key_date_remove",
    ),
    path("<id:pk>/support-team/", support_team.support_team, name="support_team"),
    path(
        "<id:pk>/support-team/<id:worker_pk>/remove/",
        support_team.support_team_remove,
        name="support_team_remove",
    ),
    path("<id:pk>/who-looked/", who_looked.who_looked, name="who_looked"),
    # The circle of support, permissions and the easy-read page (people/circle_urls.py).
    path("<id:pk>/", include("directsupport.people.circle_urls")),
]
