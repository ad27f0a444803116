"""A person's support page and their needs, under /market/people/<pk>/ (pk is the person's)."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/support/", views.support, name="support"),
    path("people/<id:pk>/support/easy-read/", views.support_easy_read, name="support_easy_read"),
    path("people/<id:pk>/needs/draw/", views.needs_draw, name="needs_draw"),
    path("people/<id:pk>/needs/add/", views.need_add, name="need_add"),
    path("people/<id:pk>/needs/<id:need_pk>/refine/", views.need_refine, name="need_refine"),
    path(
        "people/<id:pk>/needs/<id:need_pk>/commissioning/",
        views.need_commissioning,
        name="need_commissioning",
    ),
]
