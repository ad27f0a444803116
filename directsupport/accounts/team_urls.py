from django.urls import path

from .views import team

app_name = "team"

urlpatterns = [
    path("", team.team_list, name="list"),
    path("add/", team.team_add, name="add"),
    path("<id:pk>/", team.team_member, name="member"),
    path("<id:pk>/edit/", team.team_edit, name="edit"),
    path("<id:pk>/deactivate/", team.team_deactivate, name="deactivate"),
    path("<id:pk>/reactivate/", team.team_reactivate, name="reactivate"),
    path("<id:pk>/unlock/", team.team_unlock, name="unlock"),
    path("<id:pk>/send-link/", team.team_send_link, name="send_link"),
    # The link in invitation emails: public, the token in the address is the key.
    path("set-password/<uidb64>/<token>/", team.set_password, name="set_password"),
]
