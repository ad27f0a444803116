"""The Plan Book of one person (``pk``): see the module docstring of views.py.

Mounted at /planning/people/<pk>/plan-book/ (the address it had inside planning) in the
``planbook`` namespace. A version is named by its ``number`` (1, 2, …) within the person's
Plan Book.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_book_versions, name="plan_book"),
    path("start/", views.plan_book_start, name="plan_book_start"),
    path("<id:number>/", views.plan_book_version, name="plan_book_version"),
    path("<id:number>/photo/", views.plan_book_photo, name="plan_book_photo"),
    path("<id:number>/easy-read/", views.plan_book_easy_read, name="plan_book_easy_read"),
    path("<id:number>/change/", views.plan_book_edit, name="plan_book_edit"),
    path("<id:number>/compile/", views.plan_book_compile, name="plan_book_compile"),
    path("<id:number>/status/", views.plan_book_status, name="plan_book_status"),
]
