from django.urls import path

from .views import team

app_name = "team"

urlpatterns = [
    path("", team.team_list, name="list"),
]
