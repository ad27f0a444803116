"""The money alerts page: every alert for the funds this user looks after, grouped by kind, each
linking to where it is acted on. Finance and managers see the provider's funds; coordinators
the people they coordinate (funds/access.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event

from ..access import check_may_see_alerts, funds_for_alerts
from .rules import alerts_for, grouped


def alerts_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_alerts(user)
    today = timezone.localdate()
    alerts = alerts_for(funds_for_alerts(user), today)
    # The page shows each affected person's money, so each is audited as a view of their record.
    for person_id in dict.fromkeys(alert.person_id for alert in alerts):
        record_request_event(
            request,
            action=Action.VIEW,
            person_id=person_id,
            subject_type="people.person",
            subject_id=str(person_id),
            summary="Money alerts page",
        )
    return render(
        request,
        "funds/alerts/alerts.html",
        {
            "groups": grouped(alerts),
            "today": today,
            "coordinator": user.role == Role.COORDINATOR,
            "people_count": len({alert.person_id for alert in alerts}),
        },
    )
