"""Co-production's pages are in the header of everyone who uses them, and each link opens for
that role (a link that 404s for its own reader would be worse than none)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.clock import on_day

pytestmark = pytest.mark.django_db

LINKS = {
    "manager": {"Programme dashboard", "Reviews", "Decision log", "Panel"},
    "coordinator": {"Programme dashboard", "Reviews", "Decision log", "Panel"},
    "market_shaper": {"Programme dashboard", "Decision log", "Panel"},
    "finance": {"Programme dashboard", "Panel"},
    "commissioner": {"Programme dashboard", "Decision log"},
    "expert": {"Programme dashboard", "Panel", "Decision log"},
    "worker": set(),
    "person_user": set(),
    "sister_user": set(),
    "supplier": set(),
}
COPRODUCTION = {"Programme dashboard", "Reviews", "Decision log", "Panel"}


@pytest.mark.parametrize(("name", "expected"), LINKS.items())
def test_each_role_is_shown_the_coproduction_pages_it_may_open(
    name, expected, request, client_for, dee, panel_for_navigation
):
    client = client_for(request.getfixturevalue(name))
    with on_day(dt.date(2026, 12, 7)):
        links = client.get(reverse("home"), follow=True).context["nav_links"]
        shown = {link["label"]: link["url"] for link in links if link["label"] in COPRODUCTION}

        assert set(shown) == expected
        for label, url in shown.items():
            assert client.get(url).status_code == 200, (name, label)


@pytest.fixture
def panel_for_navigation(provider, expert):
    """The provider's panel, with the expert a member (the panel's pages 404 without one)."""
    from directsupport.coproduction.models import Panel, PanelMember

    panel = Panel.objects.create(organisation=provider)
    PanelMember.objects.create(
        panel=panel, user=expert, name=expert.full_name, joined_on="2026-01-05"
    )
    return panel
