from django.urls import include, path

from directsupport.accounts.admin_site import admin_site
from directsupport.accounts.views import home
from directsupport.frontpage.views import home as front_page

urlpatterns = [
    path("", front_page, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("account/", include("directsupport.accounts.urls")),
    path("team/", include("directsupport.accounts.team_urls")),
    path("people/", include("directsupport.people.urls")),
    path("planning/", include("directsupport.planning.urls")),
    # The Plan Book's pages keep the addresses they had inside planning (planbook/urls.py).
    path("planning/", include("directsupport.planbook.urls")),
    path("week/", include("directsupport.week.urls")),
    path("funds/", include("directsupport.funds.urls")),
    path("market/", include("directsupport.market.urls")),
    path("commissioning/", include("directsupport.commissioning.urls")),
    path("coproduction/", include("directsupport.coproduction.urls")),
    path("retention/", include("directsupport.retention.urls")),
    path("subject-access/", include("directsupport.subject_access.urls")),
    # The public Open Referral UK API (no sign-in; see market/openreferral/api_views.py).
    path("openreferral/", include("directsupport.market.openreferral.api_urls")),
    path("audit/", include("directsupport.reports.urls")),
    path("back-office/", admin_site.urls),
]
