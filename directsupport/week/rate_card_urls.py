"""The provider's rate card: the current card and earlier ones, one card, and a new card."""

from django.urls import path

from .views import rate_card

urlpatterns = [
    path("", rate_card.rate_card, name="rate_card"),
    path("new/", rate_card.rate_card_new, name="rate_card_new"),
    path("<id:card_pk>/", rate_card.rate_card_detail, name="rate_card_detail"),
]
