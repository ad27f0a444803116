"""A person's ISF agreement: the agreement and its versions, drafting, answering, deciding, and
reviews held."""

from django.urls import path

from .views import agreements

urlpatterns = [
    path("people/<int:pk>/agreement/", agreements.agreement, name="agreement"),
    path("people/<int:pk>/agreement/new/", agreements.agreement_new, name="agreement_new"),
    path("people/<int:pk>/agreement/reviews/new/", agreements.review_new, name="review_new"),
    path(
        "people/<int:pk>/agreement/<int:version>/",
        agreements.agreement_version,
        name="agreement_version",
    ),
    path(
        "people/<int:pk>/agreement/<int:version>/answer/",
        agreements.agreement_answer,
        name="agreement_answer",
    ),
    path(
        "people/<int:pk>/agreement/<int:version>/decide/",
        agreements.agreement_decide,
        name="agreement_decide",
    ),
]
