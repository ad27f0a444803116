"""Review pages (names start review_/reviews_; the review is always ``review_pk``)."""

from django.urls import URLPattern, path

from . import views

REVIEW = "people/<id:pk>/reviews/<id:review_pk>/"

urlpatterns: list[URLPattern] = [
    path("reviews/", views.review_list, name="review_list"),
    path("people/<id:pk>/reviews/", views.reviews_person, name="reviews_person"),
    path("people/<id:pk>/reviews/new/", views.review_new, name="review_new"),
    path("people/<id:pk>/reviews/ask/", views.review_ask, name="review_ask"),
    path(REVIEW, views.review_detail, name="review_detail"),
    path(f"{REVIEW}record/", views.review_record, name="review_record"),
    path(f"{REVIEW}complete/", views.review_complete, name="review_complete"),
    path(f"{REVIEW}easy-read/", views.review_easy_read, name="review_easy_read"),
    path(f"{REVIEW}invitation/", views.review_invitation, name="review_invitation"),
]
