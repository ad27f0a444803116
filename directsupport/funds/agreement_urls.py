"""A person's ISF agreement: the agreement and its versions, drafting, answering, deciding, and
reviews held."""

from django.urls import path

from .views import agreements

urlpatterns = [
    path("people/<id:pk>/agreement/", agreements.agreement, name="agreement"),
    path("people/<id:pk>/agreement/new/", agreements.agreement_new, name="agreement_new"),
    path("people/<id:pk>/agreement/reviews/new/", agreements.review_new, name="review_new"),
    path(
        "people/<id:pk>/agreement/<id:version>/",
        agreements.agreement_version,
        name="agreement_version",
    ),
    path(
        "people/<id:pk>/agreement/<id:version>/answer/",
        agreements.agreement_answer,
        name="agreement_answer",
    ),
    path(
        "people/<id:pk>/agreement/<id:version>/decide/",
        agreements.agreement_decide,
        name="agreement_decide",
    ),
]
