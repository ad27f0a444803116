"""Contract pages (names contract_…), included at the commissioning prefix."""

from django.urls import path

from . import views

C = "contracts/<id:support_contract_pk>/"

urlpatterns = [
    path("contracts/", views.contract_list, name="contract_list"),
    path(C, views.contract_detail, name="contract_detail"),
    path(f"{C}pdf/", views.contract_pdf, name="contract_pdf"),
    path(f"{C}easy-read/", views.contract_easy_read, name="contract_easy_read"),
    path(f"{C}easy-read/pdf/", views.contract_easy_read_pdf, name="contract_easy_read_pdf"),
    path(f"{C}agree/", views.contract_agree, name="contract_agree"),
    path(
        f"{C}parties/<id:party_pk>/agree/",
        views.contract_party_agree,
        name="contract_party_agree",
    ),
    path(
        f"{C}parties/<id:party_pk>/leave/",
        views.contract_member_leaves,
        name="contract_member_leaves",
    ),
    path(f"{C}activate/", views.contract_activate, name="contract_activate"),
    path(f"{C}notice/", views.contract_notice, name="contract_notice"),
    path(f"{C}end/", views.contract_end, name="contract_end"),
    path("requests/<id:rfq_pk>/contract/new/", views.contract_new, name="contract_new"),
    path("portal/contracts/", views.contract_portal_list, name="contract_portal_list"),
    path(
        "portal/contracts/<id:support_contract_pk>/",
        views.contract_portal_detail,
        name="contract_portal_detail",
    ),
]
