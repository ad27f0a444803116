"""Banking: money and hours a person banks for a purpose. ``pk`` is the person's id."""

from django.urls import path

from . import views

urlpatterns = [
    path("people/<id:pk>/banked/", views.banked, name="banked"),
    path("people/<id:pk>/banked/new/", views.pot_new, name="pot_new"),
    path("people/<id:pk>/banked/<id:pot_pk>/bank/", views.bank_into_pot, name="bank"),
    path("people/<id:pk>/banked/<id:pot_pk>/use/", views.use_banked_money, name="use_banked"),
]
