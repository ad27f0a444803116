"""Market shaping's panels for the home page (templates/home.html loads them, so accounts never
imports market): ``{% supplier_home %}`` is a supplier's own directory entry and what it still
needs; ``{% market_shaper_home %}`` is the market shaper's (and manager's) work: needs without a
supplier, applications to assess and the largest gaps."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from directsupport.accounts.roles import Role
from directsupport.people.access import people_visible_to

from ..access import (
    DIRECTORY_KEEPERS,
    applications_visible_to,
    market_view_audience,
    suppliers_visible_to,
)
from ..directory.entry import checklist, entry_services
from ..matching.gaps import counted_market_view
from ..models import LOOKING_FOR_SUPPORT, ApplicationStatus, SupportNeed

register = template.Library()


@register.inclusion_tag("market/home/supplier_panel.html", takes_context=True)
def supplier_home(context: template.Context) -> dict[str, Any]:
    """For a supplier's users: their entry, how complete it is with a link to put each gap
    right, and where requests sent to them will appear. Nothing for anyone else."""
    user = context["request"].user
    if not user.is_active or user.role != Role.SUPPLIER:
        return {"show": False}
    # A supplier sees only its own entry (market/access.py), so this is theirs or none.
    supplier = suppliers_visible_to(user).first()
    if supplier is None:
        return {"show": True, "supplier": None, "organisation": user.organisation}
    services = entry_services(supplier, timezone.localdate())
    return {
        "show": True,
        "supplier": supplier,
        "checklist": checklist(supplier, services),
        "service_count": len(services),
    }


# --- The market shaper's panel ---------------------------------------------------------------

# Enough to act on at a glance; each list links to the page with the rest.
SHOWN = 5
TO_ASSESS = (ApplicationStatus.APPLIED, ApplicationStatus.ASSESSING)


@register.inclusion_tag("market/home/market_shaper_panel.html", takes_context=True)
def market_shaper_home(context: template.Context) -> dict[str, Any]:
    """For market shapers and managers: needs without a supplier, applications to the preferred
    list waiting to be assessed, and the largest gaps, each with links to act on them."""
    user = context["request"].user
    if not user.is_active or user.role not in DIRECTORY_KEEPERS:
        return {"show": False}
    needs = SupportNeed.objects.filter(person__in=people_visible_to(user))
    open_needs = (
        needs.filter(LOOKING_FOR_SUPPORT)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "weekday", "starts_at", "id")
    )
    applications = (
        applications_visible_to(user).filter(status__in=TO_ASSESS).order_by("created_at", "id")
    )
    view = counted_market_view(
        needs, timezone.localdate(), audience=market_view_audience(user)
    ).view
    return {
        "show": True,
        "open_count": open_needs.count(),
        "open_needs": list(open_needs[:SHOWN]),
        "application_count": applications.count(),
        "applications": list(applications[:SHOWN]),
        "gaps": view.gaps,
        "people_with_gaps": view.people_with_gaps,
        "gap_groups": view.gap_groups[:SHOWN],
        "more_gap_groups": max(0, len(view.gap_groups) - SHOWN),
    }
