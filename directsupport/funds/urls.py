"""Individual Service Funds, all under /funds/ in the ``funds`` namespace.

One include per concept package, each keeping its own urls.py: ``contracts`` (the programme, block
contracts and their splits), ``agreements`` (a person's ISF agreement, its versions and reviews),
``ledger`` (a person's Money tab and ledger), ``hours`` (sessions delivered and suppliers'
timesheets), ``banking`` (money and hours banked for a purpose), ``statements`` (a person's
monthly statements), ``reconciliation`` (the council's month across its ISFs), ``alerts`` (money
alerts), ``months`` (the monthly routine across every live ISF) and ``plan_summary`` (what the
council reads instead of the Plan Book).
"""

from django.urls import include, path

app_name = "funds"

urlpatterns = [
    path("", include("directsupport.funds.contracts.urls")),
    path("", include("directsupport.funds.agreements.urls")),
    path("", include("directsupport.funds.ledger.urls")),
    path("", include("directsupport.funds.hours.urls")),
    path("", include("directsupport.funds.banking.urls")),
    path("", include("directsupport.funds.statements.urls")),
    path("", include("directsupport.funds.reconciliation.urls")),
    path("", include("directsupport.funds.alerts.urls")),
    path("", include("directsupport.funds.months.urls")),
    path("", include("directsupport.funds.plan_summary.urls")),
]
