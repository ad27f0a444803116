"""Plan Book PDFs, under the Plan Book's own prefix: /planning/people/<pk>/plan-book/.

``plan_book_pdf`` takes ``?part=standard|easy-read|both`` (both when left out).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("<id:number>/pdf/", views.plan_book_pdf, name="plan_book_pdf"),
]
