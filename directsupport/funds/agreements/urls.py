"""A person's ISF agreement: the agreement and its versions, drafting, answering, deciding, and
reviews held."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/agreement/", views.agreement, name="agreement"),
    path("people/<id:pk>/agreement/new/", views.agreement_new, name="agreement_new"),
    path("people/<id:pk>/agreement/reviews/new/", views.review_new, name="review_new"),
    path(
        "people/<id:pk>/agreement/<id:version>/",
        views.agreement_version,
        name="agreement_version",
    ),
    path(
        "people/<id:pk>/agreement/<id:version>/answer/",
        views.agreement_answer,
        name="agreement_answer",
    ),
    path(
        "people/<id:pk>/agreement/<id:version>/decide/",
        views.agreement_decide,
        name="agreement_decide",
    ),
]
