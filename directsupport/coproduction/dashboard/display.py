"""The dashboard's figures as charts and tables (the page, the PDF and the spreadsheets read the
same rows, so they always agree).

Anonymised figures (for experts by experience): no names and no per-person rows anywhere, and
every count of people under 5 (0 included, so a 0 tells nothing either) is shown as "fewer than
5" and left out of the charts. Money, hours and decisions are totals for everyone, not counts of
people, and are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from directsupport.coproduction.models import Level
from directsupport.lib.money import format_pence

from .charts import Chart, SeriesData, draw
from .snapshots import MonthFigures
from .stages import STAGE_KEYS, Stage

SMALL_COUNT = 5
FEWER_THAN = "fewer than 5"
ANONYMISED_RULE = (
    "To keep people from being recognised, names are never shown here and any count of people "
    "under 5 is shown as \u201cfewer than 5\u201d."
)

Getter = Callable[[dict[str, Any]], int]


@dataclass(frozen=True)
class Measure:
    name: str
    get: Getter


@dataclass(frozen=True)
class FigureSpec:
    key: str
    title: str
    kind: str  # "stacked" or "lines"
    unit: str  # "people", "£", "hours", "pools", "outcomes", "reviews", "decisions"
    about: str
    measures: tuple[Measure, ...]
    counts_people: bool  # anonymised below 5


@dataclass(frozen=True)
class FigureTable:
    spec: FigureSpec
    chart: Chart
    headings: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # month label, cells
    caption: str


def _get(*path: str) -> Getter:
    def get(figures: dict[str, Any]) -> int:
        value: Any = figures
        for key in path:
            value = value.get(key, 0) if isinstance(value, dict) else 0
        return int(value or 0)

    return get


def _not_due_yet(figures: dict[str, Any]) -> int:
    reviews = figures.get("reviews", {})
    return max(
        0,
        int(reviews.get("due", 0))
        - int(reviews.get("on_time", 0))
        - int(reviews.get("late", 0))
        - int(reviews.get("overdue", 0)),
    )


SPECS: tuple[FigureSpec, ...] = (
    FigureSpec(
        key="stages",
        title="Where people are on the programme",
        kind="stacked",
        unit="people",
        about=(
            "Each person counts once, at the furthest stage they had reached by the end of the "
            "month: planning, Plan Book agreed, ISF live, needs matched (a supplier chosen), "
            "contracted (a support contract active), reviewed."
        ),
        measures=tuple(Measure(stage.label, _get("stages", STAGE_KEYS[stage])) for stage in Stage),
        counts_people=True,
    ),
    FigureSpec(
        key="money",
        title="Money each month",
        kind="lines",
        unit="£",
        about=(
            "From the ISF ledgers: money received from the council in the month, spent on "
            "support and purchases, the management fee, and money banked for later at the "
            "month's end."
        ),
        measures=(
            Measure("Received", _get("money", "received_pence")),
            Measure("Spent", _get("money", "spent_pence")),
            Measure("Management fees", _get("money", "fee_pence")),
            Measure("Banked", _get("money", "banked_pence")),
        ),
        counts_people=False,
    ),
    FigureSpec(
        key="budgets",
        title="Block contract and ISF budgets (a year)",
        kind="lines",
        unit="£",
        about=(
            "The yearly value of the block contracts in force at the month's end, and the "
            "yearly budgets of the ISFs live then (allocated)."
        ),
        measures=(
            Measure("Block contract", _get("money", "block_value_pence")),
            Measure("Allocated to ISFs", _get("money", "allocated_pence")),
        ),
        counts_people=False,
    ),
    FigureSpec(
        key="hours",
        title="Hours of support planned and delivered",
        kind="lines",
        unit="hours",
        about=(
            "Hours planned from each Perfect Week (and contracts) in the ISF ledgers, and hours "
            "delivered, session by session."
        ),
        measures=(
            Measure("Planned", _get("hours", "planned_minutes")),
            Measure("Delivered", _get("hours", "delivered_minutes")),
        ),
        counts_people=False,
    ),
    FigureSpec(
        key="suppliers",
        title="Who delivered the support (hours)",
        kind="stacked",
        unit="hours",
        about=(
            "Hours delivered by the provider's own team and by other suppliers people chose; "
            "the table adds the share from other suppliers and the money spent with them."
        ),
        measures=(
            Measure("The provider", _get("hours", "delivered_by_provider_minutes")),
            Measure("Other suppliers", _get("hours", "delivered_by_others_minutes")),
        ),
        counts_people=False,
    ),
    FigureSpec(
        key="pools",
        title="Joint procurements",
        kind="stacked",
        unit="pools",
        about=(
            "Groups of people buying support together, by the month's end: being arranged, "
            "contracted (a contract active), or closed."
        ),
        measures=(
            Measure("Being arranged", _get("pools", "being_arranged")),
            Measure("Contracted", _get("pools", "contracted")),
            Measure("Closed", _get("pools", "closed")),
        ),
        counts_people=False,
    ),
    FigureSpec(
        key="outcomes",
        title="Outcomes achieved",
        kind="lines",
        unit="outcomes",
        about=(
            "Outcomes in people's plans, and those achieved by the month's end (marked "
            "achieved, or whose latest progress says achieved)."
        ),
        measures=(
            Measure("In plans", _get("outcomes", "total")),
            Measure("Achieved", _get("outcomes", "achieved")),
        ),
        counts_people=True,
    ),
    FigureSpec(
        key="reviews",
        title="Reviews on time",
        kind="stacked",
        unit="reviews",
        about=(
            "Reviews that fell due in the month: completed by the day they were due (on time), "
            "completed later (late), not done and already past due (overdue), or not due yet."
        ),
        measures=(
            Measure("On time", _get("reviews", "on_time")),
            Measure("Late", _get("reviews", "late")),
            Measure("Overdue", _get("reviews", "overdue")),
            Measure("Not due yet", _not_due_yet),
        ),
        counts_people=True,
    ),
    FigureSpec(
        key="decisions",
        title="Decisions by co-production level",
        kind="stacked",
        unit="decisions",
        about=(
            "Decisions taken in the month by how far up the ladder of co-production they got, "
            "from coercion (lowest) to co-production (highest)."
        ),
        measures=tuple(
            Measure(level.label, _get("decisions", str(level.value))) for level in Level
        ),
        counts_people=False,
    ),
)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:,.1f}"


def cell_text(spec: FigureSpec, value: int, *, anonymised: bool) -> str:
    if spec.counts_people and anonymised and value < SMALL_COUNT:
        return FEWER_THAN
    if spec.unit == "£":
        return format_pence(value)
    if spec.unit == "hours":
        return _hours(value)
    return f"{value:,}"


def chart_value(spec: FigureSpec, value: int, *, anonymised: bool) -> int | None:
    if spec.counts_people and anonymised and value < SMALL_COUNT:
        return None
    if spec.unit == "£":
        return value // 100
    if spec.unit == "hours":
        return round(value / 60)
    return value


def _describe(spec: FigureSpec, months: Sequence[MonthFigures], *, anonymised: bool) -> str:
    if not months:
        return f"{spec.title}: no figures yet."
    first, last = months[0], months[-1]
    latest = ", ".join(
        f"{measure.name}: {cell_text(spec, measure.get(last.figures), anonymised=anonymised)}"
        for measure in spec.measures
    )
    unit = "" if spec.unit == "£" else f" ({spec.unit})"
    return (
        f"{spec.title}{unit}, {first.month:%B %Y} to {last.month:%B %Y}. "
        f"In {last.month:%B %Y}: {latest}. The table below has every month."
    )


def _extra_columns(spec: FigureSpec, figures: dict[str, Any]) -> tuple[str, ...]:
    if spec.key == "suppliers":
        delivered = _get("hours", "delivered_minutes")(figures)
        others = _get("hours", "delivered_by_others_minutes")(figures)
        share = f"{100 * others / delivered:.0f}%" if delivered else "none delivered"
        return (
            share,
            format_pence(_get("money", "spent_with_others_pence")(figures)),
            _hours(_get("hours", "contracted_minutes_a_week")(figures)),
        )
    return ()


EXTRA_HEADINGS = {
    "suppliers": (
        "Share from other suppliers",
        "Spent with other suppliers",
        "Contracted hours a week",
    ),
}


def figure_tables(months: Sequence[MonthFigures], *, anonymised: bool) -> list[FigureTable]:
    labels = tuple(item.month for item in months)
    tables = []
    for spec in SPECS:
        series = tuple(
            SeriesData(
                name=measure.name,
                values=tuple(
                    chart_value(spec, measure.get(item.figures), anonymised=anonymised)
                    for item in months
                ),
            )
            for measure in spec.measures
        )
        chart = draw(
            Chart(
                key=spec.key,
                title=spec.title,
                description=_describe(spec, months, anonymised=anonymised),
                unit=spec.unit,
                months=labels,
                series=series,
                kind=spec.kind,
            )
        )
        stacked_total = spec.kind == "stacked"
        headings = (
            "Month",
            *(measure.name for measure in spec.measures),
            *(("Total",) if stacked_total else ()),
            *EXTRA_HEADINGS.get(spec.key, ()),
        )
        rows = []
        for item in months:
            values = [measure.get(item.figures) for measure in spec.measures]
            cells = [cell_text(spec, value, anonymised=anonymised) for value in values]
            if stacked_total:
                cells.append(cell_text(spec, sum(values), anonymised=anonymised))
            cells.extend(_extra_columns(spec, item.figures))
            rows.append((f"{item.month:%B %Y}", tuple(cells)))
        unit_words = {"£": "pounds", "hours": "hours"}.get(spec.unit, spec.unit)
        tables.append(
            FigureTable(
                spec=spec,
                chart=chart,
                headings=headings,
                rows=tuple(rows),
                caption=f"{spec.title}, month by month (in {unit_words})",
            )
        )
    return tables


def flat_rows(months: Sequence[MonthFigures], *, anonymised: bool) -> list[list[Any]]:
    """The spreadsheet: a heading row, then a row a month with every figure (numbers as
    numbers; money in pounds to the penny, time in hours)."""
    headings: list[Any] = ["Month", "Figures as at"]
    getters: list[tuple[FigureSpec, Measure]] = []
    for spec in SPECS:
        for measure in spec.measures:
            unit = {"£": " (£)", "hours": " (hours)"}.get(spec.unit, "")
            headings.append(f"{spec.title}: {measure.name}{unit}")
            getters.append((spec, measure))
    rows: list[list[Any]] = [headings]
    for item in months:
        row: list[Any] = [f"{item.month:%B %Y}", _as_at(item)]
        for spec, measure in getters:
            value = measure.get(item.figures)
            if spec.counts_people and anonymised and value < SMALL_COUNT:
                row.append(FEWER_THAN)
            elif spec.unit == "£":
                row.append(Decimal(value) / 100)
            elif spec.unit == "hours":
                row.append(round(value / 60, 1))
            else:
                row.append(value)
        rows.append(row)
    return rows


def _as_at(item: MonthFigures) -> dt.date:
    text = item.figures.get("as_at")
    return dt.date.fromisoformat(text) if isinstance(text, str) else item.month
