"""Individual Service Funds, all under /funds/ in the ``funds`` namespace.

Split by concept: ``contract_urls`` (block contracts, their splits, the programme),
``agreement_urls`` (a person's ISF agreement and its versions), ``ledger_urls`` (a person's
money and ledger), ``hours_urls`` (delivered support, timesheets, banking), ``statement_urls``
(monthly statements and the council's reconciliation), ``alert_urls`` (alerts), ``month_urls``
(the monthly routine across every live ISF), ``plan_summary`` (what the council reads instead
of the Plan Book).
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
