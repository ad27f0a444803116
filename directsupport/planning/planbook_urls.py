"""The Plan Book of one person (``pk``): see the module docstring of views/planbook.py.

Mounted at /planning/people/<pk>/plan-book/ in the ``planning`` namespace. A version is named
by its ``number`` (1, 2, …) within the person's Plan Book.
"""

from django.urls import path

from .views import planbook, planbook_agree, planbook_compare

urlpatterns = [
    path("", planbook.plan_book_versions, name="plan_book"),
    path("start/", planbook.plan_book_start, name="plan_book_start"),
    path("compare/", planbook_compare.plan_book_compare, name="plan_book_compare"),
    path("<id:number>/", planbook.plan_book_version, name="plan_book_version"),
    path("<id:number>/photo/", planbook.plan_book_photo, name="plan_book_photo"),
    path("<id:number>/easy-read/", planbook.plan_book_easy_read, name="plan_book_easy_read"),
    path("<id:number>/change/", planbook.plan_book_edit, name="plan_book_edit"),
    path("<id:number>/compile/", planbook.plan_book_compile, name="plan_book_compile"),
    path("<id:number>/status/", planbook.plan_book_status, name="plan_book_status"),
    path("<id:number>/agree/", planbook_agree.plan_book_agree, name="plan_book_agree"),
]
