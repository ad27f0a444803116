"""One need's ranking for its pages: the directory of the person's provider, its preferred list
and what is left of the person's money, each read once (a fixed number of queries however big
the directory), then the pure ranking."""

from __future__ import annotations

import datetime as dt

from ..models import SupportNeed
from ..needs.money import support_money
from ..preferred.queries import preferred_supplier_ids
from .facts import load_directory, need_facts
from .ranking import Ranking, rank_need


def left_for_need(need: SupportNeed, today: dt.date) -> int | None:
    """Pence a week this need may use: what is left for support and not yet promised to the
    suppliers chosen for the person's other needs (needs.money's "not yet promised", with this
    need's own chosen supplier added back, as a new choice would replace it). None without an
    agreement in force."""
    money = support_money(need.person, today)
    left = money.weekly.not_yet_promised_pence
    if left is None:
        return None
    own = sum(line.weekly_pence or 0 for line in money.planned if line.need.pk == need.pk)
    return left + own


def ranking_for(
    need: SupportNeed, today: dt.date, *, explain_misses: bool = False, say_money_left: bool = True
) -> tuple[Ranking, int | None]:
    """The need's ranking today, and the pence a week it was measured against."""
    provider_id = need.person.organisation_id
    left = left_for_need(need, today)
    ranking = rank_need(
        need_facts(need),
        load_directory(provider_id, today, of_kind_for=need.term_id),
        pence_left_a_week=left,
        preferred_supplier_ids=frozenset(preferred_supplier_ids(provider_id)),
        explain_misses=explain_misses,
        say_money_left=say_money_left,
    )
    return ranking, left
