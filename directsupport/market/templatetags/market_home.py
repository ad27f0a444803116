"""Market shaping's panels for the home page (accounts/home.html loads them, so accounts never
imports market): ``{% supplier_home %}`` is a supplier's own directory entry and what it still
needs. Market shapers' panels join this module."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from directsupport.accounts.roles import Role

from ..access import suppliers_visible_to
from ..directory.entry import checklist, entry_services

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
