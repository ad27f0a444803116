"""The person's own "My support" panel on their page (standard and easy read): what their week
costs against their money, and how many needs wait for them to say how they want them done.
Nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from directsupport.people.models import Person

from ..access import can_choose_for_self, may_see_support_money
from ..models import NeedStatus
from ..needs.display import money_ideas
from ..needs.money import needs_for_money, support_money

register = template.Library()


@register.inclusion_tag("market/needs/includes/my_support.html", takes_context=True)
def my_support(context: template.Context, person: Person) -> dict[str, Any]:
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
