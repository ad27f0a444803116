"""Co-production's pages, one module of URLs per concept. Every name is prefixed by its concept
(decision_…, panel_…/meeting_…/claim_…, feedback_…, review_…, outcome_…/learning_…,
dashboard_…) so they share one namespace."""

from django.urls import include, path

app_name = "coproduction"

urlpatterns = [
    path("", include("directsupport.coproduction.decisions.urls")),
    path("", include("directsupport.coproduction.panel.urls")),
    path("", include("directsupport.coproduction.feedback.urls")),
    path("", include("directsupport.coproduction.reviews.urls")),
    path("", include("directsupport.coproduction.outcomes.urls")),
    path("", include("directsupport.coproduction.dashboard.urls")),
]
