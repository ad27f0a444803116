"""market's panel on a person's pages (the slots are people.person_panels): the person's own "My
support" panel (standard and easy read), what their week costs against their money, and how many
needs wait for them to say how they want them done. Nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django.template import Context
from django.utils import timezone

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.people.models import Person
from directsupport.people.person_panels import MONEY_AND_SUPPORT

from .access import can_choose_for_self, may_see_support_money
from .models import NeedStatus
from .needs.display import money_ideas
from .needs.money import needs_for_money, support_money


def my_support(context: Context, person: Person) -> dict[str, Any]:
    user = context["request"].user
    if not can_choose_for_self(user, person):
        return {"show": False}
    needs = needs_for_money(person)
    if not needs:
        return {"show": False}
    money = support_money(person, timezone.localdate(), needs=needs)
    waiting = [
        need
        for need in needs
        if not need.commissioning and need.status in (NeedStatus.OPEN, NeedStatus.CHOSEN)
    ]
    return {
        "show": True,
        "person": person,
        "ideas": money_ideas(money, shows_money=may_see_support_money(user)),
        "waiting": len(waiting),
    }


PANELS = (
    PagePart(
        slot=MONEY_AND_SUPPORT,
        name="market.my_support",
        order=20,  # after funds' "My money" (10)
        render=drawn_with("market/needs/includes/my_support.html", my_support),
    ),
)
