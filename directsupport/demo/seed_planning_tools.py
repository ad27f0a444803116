"""Each demo person's person-centred tools, with their earlier versions.

The tools are built from the same interests and communication as the person's notes, so the
board, the tools and the Plan Book tell one story. A tool saved more than once keeps every
version: earlier ones had a little less in them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from directsupport.planning.models import ToolKind
from directsupport.planning.tools.specs import ListPart, TablePart, TextPart, spec_for

from . import planning_tools_data as data
from .planning_interest_tools import EVERYDAY_TOOLS, InterestTools
from .planning_sport_tools import SPORT_TOOLS
from .seed_planning_context import PersonCtx, ToolPlan, between, first_name, moment

INTEREST_TOOLS: dict[str, InterestTools] = {**EVERYDAY_TOOLS, **SPORT_TOOLS}
ALL_TOOLS = [kind.value for kind in ToolKind]
EARLY_TOOLS = [
    ToolKind.ONE_PAGE_PROFILE,
    ToolKind.IMPORTANT_TO_FOR,
    ToolKind.GOOD_DAY_BAD_DAY,
    ToolKind.COMMUNITY_MAP,
]
DRAFT_TOOLS = [*EARLY_TOOLS, ToolKind.WORKING_NOT_WORKING, ToolKind.COMMUNICATION_CHART]


def plan_tools(ctx: PersonCtx) -> None:
    """Fill ``ctx.tools`` with every version of each of the person's tools."""
    rng = ctx.rng
    first_at = ctx.event_day + dt.timedelta(days=rng.randint(5, 12))
    # Tools in version 1 of the Plan Book were saved before it was compiled.
    deadline = ctx.book.cut or ctx.book.last_compiled
    cut = ctx.book.cut
    added_later = (
        rng.choice((ToolKind.DECISION_MAKING, ToolKind.MATCHING_SUPPORT))
        if cut is not None and len(ctx.tool_kinds) == len(ALL_TOOLS) and rng.random() < 0.4
        else ""
    )
    changed_later = set(rng.sample(ctx.tool_kinds, rng.randint(2, 4))) if cut else set()
    for kind in ctx.tool_kinds:
        content = BUILDERS[kind](ctx)
        spec = spec_for(kind)
        versions = [content]
        extra = rng.choices((0, 1, 2), weights=(60, 30, 10))[0] + (kind in changed_later)
        for _ in range(extra):
            versions.insert(0, _earlier(versions[0], spec.parts, rng))
        if kind == added_later:
            start = cut + dt.timedelta(days=15) if cut else moment(first_at, rng)
            times = _times(rng, start, ctx.book.last_compiled, len(versions))
        elif kind in changed_later and cut is not None:
            early = _times(rng, moment(first_at, rng), deadline, len(versions) - 1)
            late = _times(rng, cut + dt.timedelta(days=15), ctx.book.last_compiled, 1)
            times = early + late
        else:
            times = _times(rng, moment(first_at, rng), deadline, len(versions))
        ctx.tools.append(
            ToolPlan(
                kind=kind,
                revisions=[
                    (version, at, ctx.coordinator)
                    for version, at in zip(versions, times, strict=True)
                ],
            )
        )


def _times(
    rng: random.Random, start: dt.datetime, end: dt.datetime, count: int
) -> list[dt.datetime]:
    """``count`` times in order between ``start`` and two days before ``end``."""
    end = end - dt.timedelta(days=2)
    if count == 1:
        return [min(start, end)]
    return sorted(between(rng, start, end) for _ in range(count))


def _earlier(content: dict[str, Any], parts: tuple[Any, ...], rng: random.Random) -> dict[str, Any]:
    """What the tool plausibly said before its last save: a line or a row fewer here and there."""
    earlier = {
        key: (list(value) if isinstance(value, list) else value) for key, value in content.items()
    }
    trimmable = [
        part
        for part in parts
        if (isinstance(part, ListPart | TablePart) and len(earlier[part.key]) >= 2)
        or (isinstance(part, TextPart) and earlier[part.key].count(". ") >= 1)
    ]
    for part in rng.sample(trimmable, min(len(trimmable), rng.randint(1, 2))):
        value = earlier[part.key]
        if isinstance(value, str):
            earlier[part.key] = value.split(". ")[0] + "."
        else:
            earlier[part.key] = value[:-1]
    return earlier


def _interests(ctx: PersonCtx) -> list[InterestTools]:
    return [INTEREST_TOOLS[interest] for interest in ctx.spec.interests]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _one_page_profile(ctx: PersonCtx) -> dict[str, Any]:
    rng, spec = ctx.rng, ctx.spec
    interests = _interests(ctx)
    appreciate = [tools.appreciate for tools in interests] + rng.sample(
        data.APPRECIATE, rng.randint(2, 3)
    )
    important = [tools.important[0] for tools in interests]
    if ctx.words["mum_name"] and spec.home != "family":
        important.append("Seeing my mum, {mum_name}, every week")
    if ctx.words["sibling"]:
        important.append("My {sibling} {sibling_name}")
    if spec.faith:
        important.append(data.IMPORTANT_FAITH[spec.faith])
    important.append(data.IMPORTANT_HOME[spec.home])
    important.append(rng.choice(data.IMPORTANT))
    support = list(data.SUPPORT[spec.communication_key]) + rng.sample(
        data.SUPPORT_GENERAL, rng.randint(1, 2)
    )
    return {
        "appreciate": _unique([ctx.fill(item) for item in appreciate]),
        "important": _unique([ctx.fill(item) for item in important]),
        "support": _unique([ctx.fill(item) for item in support]),
    }


def _important_to_for(ctx: PersonCtx) -> dict[str, Any]:
    rng, spec = ctx.rng, ctx.spec
    interests = _interests(ctx)
    to = [item for tools in interests for item in tools.important]
    if spec.faith:
        to.append(data.IMPORTANT_FAITH[spec.faith])
    to += [data.IMPORTANT_HOME[spec.home], rng.choice(data.IMPORTANT)]
    for_me = rng.sample(data.IMPORTANT_FOR, rng.randint(3, 4))
    if spec.communication_key in data.IMPORTANT_FOR_COMM:
        for_me.append(data.IMPORTANT_FOR_COMM[spec.communication_key])
    if spec.age >= 60:
        for_me += list(data.IMPORTANT_FOR_OLDER)
    if spec.home == "flat":
        for_me.append(data.IMPORTANT_FOR_FLAT)
    return {
        "to": _unique([ctx.fill(item) for item in to]),
        "for": _unique([ctx.fill(item) for item in for_me]),
        "balance": ctx.fill(rng.choice(interests).balance),
    }


def _good_day_bad_day(ctx: PersonCtx) -> dict[str, Any]:
    rng, spec = ctx.rng, ctx.spec
    first, second = _interests(ctx)
    good = [
        data.GOOD_MORNING[spec.home],
        rng.choice(data.GOOD_START),
        first.good_day,
        rng.choice((second.good_day, *data.GOOD_AFTERNOON)),
        rng.choice(data.GOOD_EVENING),
        rng.choice(data.GOOD_BED),
    ]
    bad = [rng.choice(data.BAD_DAY[:2])]
    if spec.communication_key in data.BAD_DAY_COMM:
        bad.append(data.BAD_DAY_COMM[spec.communication_key])
    bad += [rng.choice(data.BAD_DAY[2:]), rng.choice(data.BAD_END)]
    more = [first.more_good, second.more_good, *rng.sample(data.MORE_GOOD, rng.randint(1, 2))]
    return {
        "good": _unique([ctx.fill(item) for item in good]),
        "bad": _unique([ctx.fill(item) for item in bad]),
        "more_good": _unique([ctx.fill(item) for item in more]),
    }


def _working_not_working(ctx: PersonCtx) -> dict[str, Any]:
    rng = ctx.rng
    family_asked = ctx.closest_family() is not None
    rows = [tools.working for tools in _interests(ctx)][: rng.randint(1, 2)]
    rows.append(data.WORKING_HOME[ctx.spec.home])
    rows += rng.sample(data.WORKING, rng.randint(2, 3))
    seen: set[str] = set()
    result = []
    for topic, person, family, staff in rows:
        if topic in seen:
            continue
        seen.add(topic)
        result.append(
            {
                "topic": ctx.fill(topic),
                "person": person,
                "family": family if family_asked else "",
                "staff": staff,
            }
        )
    return {"rows": result}


def _communication_chart(ctx: PersonCtx) -> dict[str, Any]:
    rows = [*data.COMM_CHART[ctx.spec.communication_key], data.COMM_CHART_GENERAL]
    keys = ("happening", "does", "means", "should_do")
    return {
        "rows": [dict(zip(keys, (ctx.fill(cell) for cell in row), strict=True)) for row in rows]
    }


def _decision_making(ctx: PersonCtx) -> dict[str, Any]:
    rng = ctx.rng
    extra = rng.sample(data.DECISIONS[2:], rng.randint(2, 4))
    decisions = [data.DECISIONS[0], data.DECISIONS[1], *extra]
    helper_member = ctx.closest_family() or ctx.keyworker
    helper = (
        f"{helper_member.relationship} {first_name(helper_member.name)}"
        if helper_member
        else "my keyworker"
    )
    involved = ctx.fill(data.INVOLVED[ctx.spec.communication_key])
    rows = []
    for decision in sorted(decisions, key=data.DECISIONS.index):
        if ctx.representative_name and decision not in data.EVERYDAY_DECISIONS:
            final_say = (
                f"A best-interests decision by {ctx.representative_name} and my coordinator, "
                "after asking me"
            )
        elif decision == "My health and my medicines":
            final_say = "Me, with advice from my GP"
        elif decision in (
            "How I spend my Individual Service Fund",
            "Big things I buy",
            "Where I live, and who with",
        ):
            final_say = f"Me, with {helper} helping me think it through"
        else:
            final_say = "Me"
        review_on = ctx.event_day + dt.timedelta(days=rng.randint(180, 365))
        rows.append(
            {
                "decision": decision,
                "involved": involved,
                "final_say": final_say,
                "review_on": review_on.isoformat(),
            }
        )
    return {"rows": rows}


def _community_map(ctx: PersonCtx) -> dict[str, Any]:
    rng, spec = ctx.rng, ctx.spec
    interests = _interests(ctx)
    member = [tools.member for tools in interests]
    if spec.faith:
        member.append(data.COMMUNITY_MEMBER_FAITH[spec.faith])
    if rng.random() < 0.5:
        member.append(rng.choice(data.COMMUNITY_MEMBER))
    return {
        "feel_good": _unique(
            [tools.feel_good for tools in interests] + [rng.choice(data.COMMUNITY_FEEL_GOOD)]
        ),
        "member": _unique(member),
        "customer": _unique(
            [tools.customer for tools in interests] + [rng.choice(data.COMMUNITY_CUSTOMER)]
        ),
        "new": _unique([tools.new for tools in interests] + [rng.choice(data.COMMUNITY_NEW)]),
    }


def _matching_support(ctx: PersonCtx) -> dict[str, Any]:
    rng = ctx.rng
    rows = [tools.matching for tools in _interests(ctx)]
    rows.append(
        (
            "Everyday support at home and out and about",
            data.MATCHING_COMM_SKILL[ctx.spec.communication_key],
            rng.choice(
                ("Patient and cheerful", "Calm and kind", "Chatty and fun", "Quietly confident")
            ),
            "",
        )
    )
    rows.append(rng.choice(data.MATCHING_GENERAL))
    keys = ("support", "skills", "personality", "interests")
    return {
        "rows": [dict(zip(keys, (ctx.fill(cell) for cell in row), strict=True)) for row in rows]
    }


BUILDERS: dict[str, Callable[[PersonCtx], dict[str, Any]]] = {
    ToolKind.ONE_PAGE_PROFILE: _one_page_profile,
    ToolKind.IMPORTANT_TO_FOR: _important_to_for,
    ToolKind.GOOD_DAY_BAD_DAY: _good_day_bad_day,
    ToolKind.WORKING_NOT_WORKING: _working_not_working,
    ToolKind.COMMUNICATION_CHART: _communication_chart,
    ToolKind.DECISION_MAKING: _decision_making,
    ToolKind.COMMUNITY_MAP: _community_map,
    ToolKind.MATCHING_SUPPORT: _matching_support,
}
