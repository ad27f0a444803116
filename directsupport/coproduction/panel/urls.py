"""The panel's pages (names panel_…, meeting_…, claim_…), at /coproduction/panel/."""

from django.urls import path

from . import views

P = "panel/"
M = "panel/members/<id:panel_member_pk>/"
MEETING = "panel/meetings/<id:meeting_pk>/"

urlpatterns = [
    path(P, views.panel_home, name="panel_home"),
    path(f"{P}settings/", views.panel_settings, name="panel_settings"),
    path(f"{P}members/new/", views.panel_member_new, name="panel_member_new"),
    path(M, views.panel_member_detail, name="panel_member_detail"),
    path(f"{M}edit/", views.panel_member_edit, name="panel_member_edit"),
    path(f"{M}claims/new/", views.panel_member_claim_new, name="panel_member_claim_new"),
    path(f"{P}meetings/new/", views.meeting_new, name="meeting_new"),
    path(MEETING, views.meeting_detail, name="meeting_detail"),
    path(f"{MEETING}edit/", views.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}attendance/", views.meeting_attendance, name="meeting_attendance"),
    path(f"{MEETING}papers/new/", views.meeting_paper_new, name="meeting_paper_new"),
    path(f"{MEETING}papers/<id:paper_pk>/", views.meeting_paper, name="meeting_paper"),
    path(f"{MEETING}decisions/new/", views.meeting_decision_new, name="meeting_decision_new"),
    path(f"{P}claims/", views.claim_list, name="claim_list"),
    path(f"{P}claims/new/", views.claim_new, name="claim_new"),
    path(f"{P}claims/<id:claim_pk>/decide/", views.claim_decide, name="claim_decide"),
]
