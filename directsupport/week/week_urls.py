"""A person's weeks and their entries, under /week/people/<pk>/ (pk is the person's id)."""

from django.urls import path

from .views import entries, week

urlpatterns = [
    path("", week.perfect_week, name="perfect_week"),
    path("now/", week.week_now, name="week_now"),
    path("compare/", week.week_compare, name="week_compare"),
    path("easy-read/", week.week_easy_read, name="week_easy_read"),
    path("<str:week_kind>/entries/add/", entries.entry_add, name="entry_add"),
    path("<str:week_kind>/entries/<id:entry_pk>/change/", entries.entry_edit, name="entry_edit"),
    path(
        "<str:week_kind>/entries/<id:entry_pk>/remove/", entries.entry_remove, name="entry_remove"
    ),
]
