"""The Plan Book of one person (``pk``): see the module docstring of views/book.py.

Mounted at /planning/people/<pk>/plan-book/ in the ``planning`` namespace. A version is named
by its ``number`` (1, 2, …) within the person's Plan Book.
"""

from django.urls import path

from .views import agree, book, compare

urlpatterns = [
    path("", book.plan_book_versions, name="plan_book"),
    path("start/", book.plan_book_start, name="plan_book_start"),
    path("compare/", compare.plan_book_compare, name="plan_book_compare"),
    path("<id:number>/", book.plan_book_version, name="plan_book_version"),
    path("<id:number>/photo/", book.plan_book_photo, name="plan_book_photo"),
    path("<id:number>/easy-read/", book.plan_book_easy_read, name="plan_book_easy_read"),
    path("<id:number>/change/", book.plan_book_edit, name="plan_book_edit"),
    path("<id:number>/compile/", book.plan_book_compile, name="plan_book_compile"),
    path("<id:number>/status/", book.plan_book_status, name="plan_book_status"),
    path("<id:number>/agree/", agree.plan_book_agree, name="plan_book_agree"),
]
