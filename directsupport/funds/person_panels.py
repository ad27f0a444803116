"""funds' panels on a person's pages (the slots are people.person_panels): the person's own "My
money" panel, and the "Record support given" link for whoever records sessions with them."""

from __future__ import annotations

from typing import Any

from django.template import Context
from django.utils import timezone

from directsupport.lib.page_parts import PagePart, drawn_with
from directsupport.people.models import Person
from directsupport.people.person_panels import ABOUT_ACTIONS, MONEY_AND_SUPPORT

from .access import can_record_agreement, can_record_sessions
from .agreements.services import open_version_of
from .ledger.balances import fund_balances
from .models import AgreementStatus, Fund, Statement


def my_money(context: Context, person: Person) -> dict[str, Any]:
    """On the person's own page: money to spend now, what is banked, their money this month in
    easy read, and an agreement waiting for their answer. Nothing for anyone else."""
    user = context["request"].user
    if person.user_id != user.pk:
        return {"show": False}
    fund = Fund.objects.filter(person=person).first()
    if fund is None:
        return {"show": False}
    fund.person = person
    today = timezone.localdate()
    latest = Statement.objects.filter(fund=fund).order_by("-month").only("month").first()
    waiting = open_version_of(fund)
    return {
        "show": True,
        "person": person,
        "balances": fund_balances(fund.pk),
        "easy_read_month": f"{(latest.month if latest else today):%Y-%m}",
        "statement_month": latest.month if latest else None,
        "waiting": (
            waiting
            if waiting is not None
            and waiting.status == AgreementStatus.DRAFT
            and can_record_agreement(user, fund)
            else None
        ),
    }


def record_support_link(context: Context, person: Person) -> dict[str, Any]:
    """A "Record support given" link on the person's page for whoever may record a session with
    them, support workers included (they see no money, so this is their way in)."""
    user = context["request"].user
    fund = Fund.objects.filter(person=person).first()
    if fund is None or not can_record_sessions(user, fund):
        return {"show": False}
    return {"show": True, "person": person}


PANELS = (
    PagePart(
        slot=ABOUT_ACTIONS,
        name="funds.record_support_link",
        order=10,
        render=drawn_with("funds/includes/record_support_link.html", record_support_link),
    ),
    PagePart(
        slot=MONEY_AND_SUPPORT,
        name="funds.my_money",
        order=10,
        render=drawn_with("funds/includes/my_money.html", my_money),
    ),
)
