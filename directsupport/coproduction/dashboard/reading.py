"""What the dashboard shows a user: their scope's snapshots for the period asked, as charts and
tables, how fresh they are, and (for those who may see names) where each person has got to.

Reads snapshots only, plus one page of people for the per-person table; a fixed number of
queries however many months or people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.access import DashboardScope
from directsupport.people.access import people_visible_to
from directsupport.people.models import Person

from .display import ANONYMISED_RULE, FigureTable, figure_tables, flat_rows
from .figures import as_at, scope_people
from .forms import PeriodForm
from .snapshots import (
    MonthFigures,
    Pair,
    Series,
    ask_for_fresh_figures,
    councils_of,
    freshness_words,
    providers_for_council,
    read_series,
)
from .stages import Stage, with_stage

PEOPLE_PER_PAGE = 50


@dataclass(frozen=True)
class Dashboard:
    scope: DashboardScope
    form: PeriodForm
    scope_words: str  # whose figures: "Everyone Riverside Support supports", "Hollowfield ..."
    months: tuple[MonthFigures, ...]
    tables: list[FigureTable]
    freshness: str
    refreshing: bool
    people_page: Page[Any] | None
    stages_shown: dict[int, int]  # the page of people's stages, by person id
    as_at: dt.date | None
    query_string: str  # the filters, for the download links

    @property
    def anonymised_rule(self) -> str:
        return ANONYMISED_RULE if self.scope.anonymised else ""

    @property
    def period_words(self) -> str:
        if not self.months:
            return "No figures yet"
        first, last = self.months[0].month, self.months[-1].month
        if first == last:
            return f"{first:%B %Y}"
        return f"{first:%B %Y} to {last:%B %Y}"

    @property
    def stage_rows(self) -> list[tuple[Person, str]]:
        """The page of people, each with the stage they had reached on ``as_at``."""
        if self.people_page is None:
            return []
        return [
            (person, Stage(self.stages_shown.get(person.pk, Stage.PLANNING)).label)
            for person in self.people_page.object_list
        ]

    def spreadsheet_rows(self) -> list[list[Any]]:
        return flat_rows(self.months, anonymised=self.scope.anonymised)


def _council_choices(scope: DashboardScope) -> list[tuple[int, str]] | None:
    if scope.provider_id is None or scope.anonymised:
        return None
    ids = councils_of(scope.provider_id)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))


def _pairs(scope: DashboardScope, council_id: int | None) -> list[Pair]:
    if scope.provider_id is None:
        council = scope.council_id or 0  # a commissioner's scope always names their council
        return [(provider, council) for provider in providers_for_council(council)]
    return [(scope.provider_id, council_id)]


def _council_asked(params: QueryDict, councils: list[tuple[int, str]] | None) -> int | None:
    raw = params.get("council", "")
    if councils is None or not raw.isdigit():
        return None
    return int(raw) if int(raw) in {pk for pk, _ in councils} else None


def _scope_words(
    scope: DashboardScope,
    councils: list[tuple[int, str]] | None,
    council: int | None,
    user: User,
) -> str:
    if scope.provider_id is None:
        return f"People {user.organisation.name} funds, whichever provider supports them"
    name = dict(councils or []).get(council) if council else None
    if name:
        return f"People {user.organisation.name} supports whom {name} funds"
    return f"Everyone {user.organisation.name} supports"


def _people(user: User, scope: DashboardScope, council_id: int | None) -> QuerySet[Person]:
    if scope.provider_id is None:
        people = Person.objects.filter(funding_council_id=scope.council_id or 0)
    else:
        people = scope_people(scope.provider_id, council_id)
    return people.filter(pk__in=people_visible_to(user).values("pk"))


def read_dashboard(
    *,
    user: User,
    scope: DashboardScope,
    params: QueryDict,
    today: dt.date,
    now: dt.datetime,
    with_people: bool = True,
) -> Dashboard:
    councils = _council_choices(scope)
    council_id = _council_asked(params, councils)
    pairs = _pairs(scope, council_id)
    everything = read_series(pairs, first=None, last=today)
    months_available = [item.month for item in everything.months]
    bound = any(key in params for key in ("start", "end", "council"))
    form = PeriodForm(params if bound else None, months=months_available, councils=councils)
    period = form.period()
    months = (
        tuple(item for item in everything.months if period[0] <= item.month <= period[1])
        if period
        else ()
    )
    shown = Series(months=months, first_month=everything.first_month)
    refreshing = ask_for_fresh_figures(pairs, everything, now=now)
    day = as_at(months[-1].month, today) if months else None
    people_page = None
    stages_shown: dict[int, int] = {}
    if with_people and not scope.anonymised and day is not None:
        # A page of names first, then the stage rule for those 50 only: the rule's EXISTS
        # questions are asked of the people shown, not of everyone sorted by name.
        people = (
            _people(user, scope, council_id)
            .exclude(support_ended_on__lt=day)
            .order_by("last_name", "first_name", "pk")
            .only("pk", "first_name", "preferred_name", "last_name")
        )
        people_page = Paginator(people, PEOPLE_PER_PAGE).get_page(params.get("page"))
        on_page = Person.objects.filter(pk__in=[person.pk for person in people_page.object_list])
        stages_shown = dict(
            with_stage(on_page, day=day).values_list("pk", "programme_stage")  # type: ignore[misc]
        )
    kept = QueryDict(mutable=True)
    for key in ("start", "end", "council"):
        value = params.get(key, "")
        if value:
            kept[key] = str(value)
    return Dashboard(
        scope=scope,
        form=form,
        scope_words=_scope_words(scope, councils, council_id, user),
        months=months,
        tables=figure_tables(months, anonymised=scope.anonymised),
        freshness=freshness_words(shown.computed_at, now=now),
        refreshing=refreshing,
        people_page=people_page,
        stages_shown=stages_shown,
        as_at=day,
        query_string=kept.urlencode(),
    )
