"""Drawing a person's support needs from their Perfect Week and their outcomes.

``draw_needs`` can be run as often as anyone likes: it makes each need once and brings it up to
date after that.

- **From the week.** Every entry of the Perfect Week that needs paid support (``week.pricing.
  is_paid``: a ratio other than "none", and its kind) is one need, linked to its entry (one-to-one),
  so drawing again after the week changes updates that need rather than adding a second. An entry
  that no longer needs paid support, or was removed from the week, leaves its need marked "no
  longer needed" (withdrawn), never deleted: its commissioning wish and any supplier chosen stay
  on record. An entry that needs support again reopens it, unless the coordinator marked the
  need no longer needed by hand (its status is then one of its refinements).
- **From outcomes.** An outcome not yet achieved whose words ask for something to buy
  (``outcome_terms``: "learn to swim" is swimming) gets one need, once; an outcome that already
  has a need (drawn, added by hand, or withdrawn by the coordinator) is left to it. The need of
  an outcome that was deleted is withdrawn.
- **What follows the week, and what the coordinator may refine.** When and where a week need
  happens is the week's to say, so these always follow the entry: ``weekday``, ``starts_at``,
  ``ends_at``, ``overnight``, ``recurrence``, ``minutes_a_week``, ``place``, ``district``,
  ``ratio`` and ``shared_by`` (to change when, change the Perfect Week). The coordinator may
  refine, with the person, what it is for (``what``), its kind (``term``), whether the time is
  fixed (``fixed``), the characteristics wanted in whoever supports them (``wanted_*``) and
  ``notes``: a field refined by hand is named in ``refined_fields`` and kept by every later
  drawing; the others follow the week (what, kind, fixed) and the person's Matching support tool
  (``wanted``). A need from an outcome or added by hand has no entry: its day and times are the
  coordinator's to set (``services.refine_need``) and drawing never changes them.
- The district is the person's home district unless the entry's place names another (``where``).

Changes are made with a conditional UPDATE on the need's version, so a refinement saved while
drawing is never overwritten: the drawing is refused (``NeedConflict``) and can be run again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts
from directsupport.people.models import Person
from directsupport.planning.models import Outcome
from directsupport.week.models import SupportKind, WeekEntry, WeekKind
from directsupport.week.pricing import (
    BadRecurrence,
    facts_from,
    is_paid,
    plan_year_start,
    weekly_support_minutes,
)

from ..models import NeedSource, NeedStatus, SupportNeed, TaxonomyTerm
from ..taxonomy import SUPPORT, ensure_standard_terms
from .outcome_terms import term_code_for_outcome
from .wanted import Wanted, matching_rows, rows_for, wanted_from
from .where import Home, Places, home_of

# When and where a week need happens: always the entry's.
WEEK_FIELDS = (
    "weekday",
    "starts_at",
    "ends_at",
    "overnight",
    "recurrence",
    "minutes_a_week",
    "place",
    "district",
    "ratio",
    "shared_by",
)
# What the coordinator may refine with the person; drawn until refined by hand.
REFINABLE_FIELDS = (
    "what",
    "term",
    "fixed",
    "wanted_skills",
    "wanted_interests",
    "wanted_languages",
    "wanted_gender",
    "wanted_personality",
    "notes",
)
# For a need with no week entry (from an outcome, or added), when and where are refinable too.
WHEN_FIELDS = (
    "weekday",
    "starts_at",
    "ends_at",
    "overnight",
    "place",
    "ratio",
    "shared_by",
)
SNAPSHOT_FIELDS = tuple(dict.fromkeys((*WEEK_FIELDS, *REFINABLE_FIELDS, "status")))


class NeedConflict(conflicts.EditConflict[SupportNeed]):
    """Someone changed the need after this user (or this drawing) read it."""


@dataclass
class DrawResult:
    added: list[SupportNeed] = field(default_factory=list)
    updated: list[SupportNeed] = field(default_factory=list)
    withdrawn: list[SupportNeed] = field(default_factory=list)
    unchanged: int = 0

    @property
    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} brought up to date",
            f"{len(self.withdrawn)} no longer needed",
            f"{self.unchanged} unchanged",
        ]
        return ", ".join(parts)


def snapshot(need: SupportNeed) -> dict[str, Any]:
    """The need's drawn and refinable fields as the audit log and comparisons read them."""
    values: dict[str, Any] = {}
    for name in SNAPSHOT_FIELDS:
        if name in ("term", "district"):
            values[name] = getattr(need, f"{name}_id")
        else:
            values[name] = getattr(need, name)
    return values


def _column(name: str) -> str:
    return f"{name}_id" if name in ("term", "district") else name


def save_drawn(
    need: SupportNeed, *, before: Mapping[str, Any], changed: set[str], actor: User, **audit: Any
) -> None:
    """Write ``changed`` fields of a need read at ``before['version']``: one conditional UPDATE
    that bumps the version, or NeedConflict when someone saved in between."""
    need.full_clean()
    values = {_column(name): getattr(need, _column(name)) for name in changed}
    now = timezone.now()
    updated = SupportNeed.objects.filter(pk=need.pk, version=need.version).update(
        **values, updated_at=now, version=F("version") + 1
    )
    if updated != 1:
        raise NeedConflict(saved=SupportNeed.objects.select_related("term").get(pk=need.pk))
    need.version += 1
    need.updated_at = now
    record_change(
        audit.pop("request", None),
        actor=actor,
        action=Action.UPDATE,
        person_id=need.person_id,
        subject=need,
        changes=model_changes(dict(before), snapshot(need)),
        **audit,
    )


# What the week or an outcome says a need's fields should be.
Drawn = dict[str, Any]


class _Drawer:
    def __init__(
        self, *, person: Person, actor: User, today: dt.date, request: HttpRequest | None
    ) -> None:
        self.person = person
        self.actor = actor
        self.request = request
        self.year_start = plan_year_start(today)
        self.terms = ensure_standard_terms()
        self.kind_terms = {t.support_kind: t for t in self.terms.values() if t.support_kind}
        self.rows = matching_rows(person)
        self.result = DrawResult()

    # --- What the week and outcomes say -------------------------------------------------------

    def wanted(self, *texts: str) -> Wanted:
        return wanted_from(rows_for(self.rows, *texts))

    def term_for_kind(self, kind: str) -> TaxonomyTerm:
        return self.kind_terms.get(kind) or self.terms[SUPPORT]

    def from_entry(self, entry: WeekEntry, places: Places) -> Drawn:
        facts = facts_from(entry)
        try:
            minutes = weekly_support_minutes(facts, year_start=self.year_start)
        except (BadRecurrence, ValueError):
            minutes = 0  # the Perfect Week's own page names the rule it cannot read
        term = self.term_for_kind(entry.support_kind)
        kind_label = SupportKind(entry.support_kind).label if entry.support_kind else ""
        return {
            "weekday": entry.weekday,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "overnight": entry.overnight,
            "recurrence": entry.recurrence,
            "minutes_a_week": minutes,
            "place": entry.place,
            "district": places.district_of(entry.place),
            "ratio": entry.support_ratio,
            "shared_by": entry.shared_by,
            "what": entry.what,
            "term": term,
            "fixed": entry.fixed,
            **self.wanted(entry.what, entry.place, term.name, kind_label).as_fields(),
        }

    def from_outcome(self, outcome: Outcome, term: TaxonomyTerm, home: Home) -> Drawn:
        # An outcome says no place: the search starts from home, as for a week entry without one.
        return {
            "what": outcome.text[:200],
            "term": term,
            "district": home.district,
            **self.wanted(outcome.text, term.name).as_fields(),
        }

    # --- Changing needs -----------------------------------------------------------------------

    def create(self, drawn: Drawn, **fields: Any) -> SupportNeed:
        need = SupportNeed(person=self.person, **{**drawn, **fields})
        need.full_clean()
        need.save()
        need.person = self.person
        record_change(
            self.request,
            actor=self.actor,
            action=Action.CREATE,
            person_id=self.person.pk,
            subject=need,
            summary=f"Drew the need '{need.what}' from {need.get_source_display()}",
            changes=model_changes({}, snapshot(need)),
        )
        self.result.added.append(need)
        return need

    def update(self, need: SupportNeed, drawn: Drawn, *, reopen: bool = False) -> None:
        before = snapshot(need)
        kept = set(need.refined_fields)
        for name, value in drawn.items():
            if name not in kept:
                setattr(need, name, value)
        # A need the coordinator marked no longer needed by hand stays so.
        if reopen and need.status == NeedStatus.WITHDRAWN and "status" not in kept:
            need.status = NeedStatus.OPEN
        changed = {name for name, value in snapshot(need).items() if before[name] != value}
        if not changed:
            self.result.unchanged += 1
            return
        save_drawn(
            need,
            before=before,
            changed=changed,
            actor=self.actor,
            request=self.request,
            summary=f"Brought the need '{need.what}' up to date with {need.get_source_display()}",
        )
        self.result.updated.append(need)

    def withdraw(self, need: SupportNeed, why: str) -> None:
        if need.status == NeedStatus.WITHDRAWN:
            self.result.unchanged += 1
            return
        before = snapshot(need)
        need.status = NeedStatus.WITHDRAWN
        save_drawn(
            need,
            before=before,
            changed={"status"},
            actor=self.actor,
            request=self.request,
            summary=f"The need '{need.what}' is no longer needed: {why}",
        )
        self.result.withdrawn.append(need)

    # --- The drawing --------------------------------------------------------------------------

    def draw_week(self, needs: list[SupportNeed]) -> None:
        entries = list(
            WeekEntry.objects.filter(week__person=self.person, week__kind=WeekKind.PERFECT)
        )
        places = Places(home_of(self.person), (entry.place for entry in entries))
        by_entry = {need.week_entry_id: need for need in needs if need.week_entry_id}
        for entry in entries:
            need = by_entry.get(entry.pk)
            paid = is_paid(facts_from(entry))
            if need is None and paid:
                self.create(
                    self.from_entry(entry, places), source=NeedSource.WEEK, week_entry=entry
                )
            elif need is not None and paid:
                self.update(need, self.from_entry(entry, places), reopen=True)
            elif need is not None:
                self.withdraw(need, "the Perfect Week no longer has paid support then")
        for need in needs:
            if need.source == NeedSource.WEEK and need.week_entry_id is None:
                self.withdraw(need, "it was taken out of the Perfect Week")

    def draw_outcomes(self, needs: list[SupportNeed]) -> None:
        outcomes = Outcome.objects.filter(person=self.person, achieved_on__isnull=True)
        with_needs = {need.outcome_id for need in needs if need.outcome_id}
        drawn = {
            need.outcome_id: need
            for need in needs
            if need.source == NeedSource.OUTCOME and need.outcome_id
        }
        home = home_of(self.person)
        for outcome in outcomes:
            code = term_code_for_outcome(outcome.text)
            if outcome.pk in drawn and code is not None:
                self.update(drawn[outcome.pk], self.from_outcome(outcome, self.terms[code], home))
            elif outcome.pk not in with_needs and code is not None:
                self.create(
                    self.from_outcome(outcome, self.terms[code], home),
                    source=NeedSource.OUTCOME,
                    outcome=outcome,
                    fixed=False,
                )
        for need in needs:
            if need.source == NeedSource.OUTCOME and need.outcome_id is None:
                self.withdraw(need, "its outcome was taken out of the plan")


@transaction.atomic
def draw_needs(
    *,
    person: Person,
    actor: User,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> DrawResult:
    """Make or update the person's needs from their Perfect Week and outcomes (see the module
    docstring for what follows the week and what a refinement keeps). Idempotent: drawing twice
    changes nothing the second time. Raises NeedConflict, changing nothing, when a need was
    changed by someone else during the drawing."""
    drawer = _Drawer(
        person=person, actor=actor, today=today or timezone.localdate(), request=request
    )
    needs = list(SupportNeed.objects.filter(person=person).select_related("term"))
    drawer.draw_week(needs)
    drawer.draw_outcomes(needs)
    result = drawer.result
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=person.pk,
        subject=person,
        summary=f"Drew {person.display_name}'s needs: {result.summary}",
    )
    return result
