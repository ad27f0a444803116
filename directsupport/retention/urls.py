from django.urls import path

from . import erasure_views, views

app_name = "retention"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("review/", views.review_list, name="review"),
    path("review/now/", views.review_now, name="review_now"),
    path("people/<id:pk>/", views.person_records, name="person"),
    path("people/<id:pk>/support-ended/", views.support_ended, name="support_ended"),
    path("people/<id:pk>/erasure/new/", erasure_views.erasure_new, name="erasure_new"),
    path("erasure/", erasure_views.erasure_list, name="erasure_list"),
    path("erasure/<id:pk>/", erasure_views.erasure_detail, name="erasure"),
    path("destroyed/", views.destroyed, name="destroyed"),
]
