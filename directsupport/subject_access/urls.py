from django.urls import path

from . import views

app_name = "subject_access"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("people/<id:pk>/", views.person_requests, name="person"),
    path("<id:request_pk>/", views.request_detail, name="detail"),
    path("<id:request_pk>/produce", views.request_produce, name="produce"),
    path("<id:request_pk>/download", views.request_download, name="download"),
]
