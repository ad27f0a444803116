"""The ISF programme, block contracts and their splits into ISFs."""

from django.urls import path

from .views import contracts

urlpatterns = [
    path("", contracts.programme, name="programme"),
    path("contracts/", contracts.contracts, name="contracts"),
    path("contracts/new/", contracts.contract_new, name="contract_new"),
    path("contracts/<id:contract_pk>/", contracts.contract, name="contract"),
    path("contracts/<id:contract_pk>/people/", contracts.contract_people, name="contract_people"),
    path("contracts/<id:contract_pk>/split/", contracts.split_new, name="split_new"),
    path("contracts/<id:contract_pk>/splits/<id:split_pk>/", contracts.split, name="split"),
    path(
        "contracts/<id:contract_pk>/splits/<id:split_pk>/submit/",
        contracts.split_submit,
        name="split_submit",
    ),
    path(
        "contracts/<id:contract_pk>/splits/<id:split_pk>/decide/",
        contracts.split_decide,
        name="split_decide",
    ),
]
