"""What a statement page shows: the issued snapshot when there is one, or the figures worked out
live (this month so far, or a past month whose statement is not made yet), and the same figures
as short easy-read sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from directsupport.lib.money import format_pence
from directsupport.lib.templatetags.money import hours

from ..models import Fund, Statement
from .figures import StatementFigures, month_figures, month_start


@dataclass(frozen=True)
class EasyIdea:
    icon: str
    sentences: list[str]


@dataclass(frozen=True)
class StatementPage:
    month: dt.date
    figures: StatementFigures
    statement: Statement | None  # None: worked out now, not final
    so_far: bool  # the month is not over yet

    @property
    def issued(self) -> bool:
        return self.statement is not None

    @property
    def month_slug(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def status(self) -> str:
        if self.statement is not None:
            made = timezone.localtime(self.statement.made_at)
            return f"Issued on {made.day} {made:%B %Y}."
        if self.so_far:
            return "This month so far: not final. The figures will change until the month ends."
        return "Not issued yet: worked out from the ledger now, so it may still change."

    def easy_sentences(self) -> list[EasyIdea]:
        return easy_sentences(self.figures, month=self.month, so_far=self.so_far)


def statement_page(fund: Fund, month: dt.date, *, today: dt.date) -> StatementPage | None:
    """The statement for ``month`` (any day in it), or None for a month still to come."""
    start = month_start(month)
    current = month_start(today)
    if start > current:
        return None
    statement = Statement.objects.filter(fund=fund, month=start).first()
    if statement is not None:
        figures = StatementFigures.from_json(statement.figures)
    else:
        figures = month_figures([fund.pk], start)[fund.pk]
    return StatementPage(month=start, figures=figures, statement=statement, so_far=start == current)


def easy_sentences(figures: StatementFigures, *, month: dt.date, so_far: bool) -> list[EasyIdea]:
    """ "Your money this month": one idea per picture, short sentences, amounts to the penny."""
    ideas = [
        EasyIdea(
            "banknotes",
            [f"At the start of {month:%B} you had {format_pence(figures.opening_held_pence)}."],
        )
    ]
    if figures.from_council_pence:
        ideas.append(
            EasyIdea(
                "building-library",
                [f"The council gave {format_pence(figures.from_council_pence)} for your support."],
            )
        )
    if figures.refunds_pence:
        ideas.append(
            EasyIdea(
                "arrow-uturn-left",
                [f"You got {format_pence(figures.refunds_pence)} back in refunds."],
            )
        )
    if figures.spent:
        ideas.append(
            EasyIdea(
                "shopping-bag",
                [f"You spent {format_pence(figures.spent_pence)} on support and things you bought."]
                + [
                    f"{format_pence(line.amount_pence)} went to {line.who or 'someone'}."
                    for line in figures.spent
                ],
            )
        )
    if figures.management_fee_pence:
        ideas.append(
            EasyIdea(
                "receipt-percent",
                [
                    f"The management fee was {format_pence(figures.management_fee_pence)}.",
                    "This pays for looking after your money.",
                ],
            )
        )
    if figures.returned_to_council_pence:
        ideas.append(
            EasyIdea(
                "arrow-uturn-right",
                [f"{format_pence(figures.returned_to_council_pence)} went back to the council."],
            )
        )
    ideas.append(
        EasyIdea(
            "clock",
            [
                f"You used {hours(figures.delivered_minutes)} of support.",
                f"You planned {hours(figures.planned_minutes)}.",
            ],
        )
    )
    if figures.closing_banked_pence:
        ideas.append(
            EasyIdea(
                "archive-box",
                [f"You have {format_pence(figures.closing_banked_pence)} saved for later."]
                + [
                    f"{format_pence(pot.amount_pence)} is for {pot.purpose}."
                    for pot in figures.banked_pots
                    if pot.purpose
                ],
            )
        )
    if figures.corrections:
        ideas.append(
            EasyIdea(
                "wrench-screwdriver",
                [
                    "We put right a mistake.",
                    f"This changed your money by {format_pence(figures.corrections_pence)}.",
                ],
            )
        )
    closing = format_pence(figures.closing_held_pence)
    ideas.append(
        EasyIdea(
            "wallet",
            [
                f"Today you have {closing}."
                if so_far
                else f"At the end of {month:%B} you had {closing}."
            ],
        )
    )
    return ideas
