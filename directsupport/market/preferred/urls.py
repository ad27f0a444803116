"""The preferred supplier list's pages, under /market/preferred/."""

from django.urls import path

from .views import applications, decisions, lists

urlpatterns = [
    path("preferred/", lists.preferred_list, name="preferred_list"),
    path("preferred/easy-read/", lists.preferred_easy_read, name="preferred_easy_read"),
    path("preferred/criteria/", lists.criteria, name="preferred_criteria"),
    path("preferred/criteria/new/", lists.criterion_new, name="preferred_criterion_new"),
    path(
        "preferred/criteria/<id:criterion_pk>/",
        lists.criterion_edit,
        name="preferred_criterion_edit",
    ),
    path("preferred/applications/", applications.applications, name="preferred_applications"),
    path("preferred/propose/", applications.propose, name="preferred_propose"),
    path("preferred/apply/", applications.apply, name="preferred_apply"),
    path(
        "preferred/applications/<id:application_pk>/",
        applications.application_detail,
        name="preferred_application",
    ),
    path(
        "preferred/applications/<id:application_pk>/assess/<id:criterion_pk>/",
        decisions.assess_criterion,
        name="preferred_assess",
    ),
    path(
        "preferred/applications/<id:application_pk>/panel-view/",
        decisions.panel_view,
        name="preferred_panel_view",
    ),
    path(
        "preferred/applications/<id:application_pk>/decide/",
        decisions.decide_application,
        name="preferred_decide",
    ),
]
