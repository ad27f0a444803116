"""The ISF programme, block contracts and their splits into ISFs."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.programme, name="programme"),
    path("contracts/", views.contracts, name="contracts"),
    path("contracts/new/", views.contract_new, name="contract_new"),
    path("contracts/<id:contract_pk>/", views.contract, name="contract"),
    path("contracts/<id:contract_pk>/people/", views.contract_people, name="contract_people"),
    path("contracts/<id:contract_pk>/split/", views.split_new, name="split_new"),
    path("contracts/<id:contract_pk>/splits/<id:split_pk>/", views.split, name="split"),
    path(
        "contracts/<id:contract_pk>/splits/<id:split_pk>/submit/",
        views.split_submit,
        name="split_submit",
    ),
    path(
        "contracts/<id:contract_pk>/splits/<id:split_pk>/decide/",
        views.split_decide,
        name="split_decide",
    ),
]
