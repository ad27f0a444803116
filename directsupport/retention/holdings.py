"""What the product holds about one person, per retention target, and when each may go.

Rows are found through the person-records registry (lib/person_records.py), so a model an app
registers is counted and destroyed with its kind without a change here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone

from directsupport.audit.models import AuditEvent
from directsupport.funds.models import Fund, LedgerTransaction
from directsupport.lib.person_records import RecordKind, registered
from directsupport.people.models import CircleMember, Person

from .schedule import RULES, TARGET_ORDER, Rule, Target, is_due, kept_until

RowIds = dict[type[models.Model], set[int]]
CONTACT_FIELDS = ("phone", "email", "address")
BATCH = 500  # people to a query: well under SQLite's limit on parameters


@dataclass(frozen=True)
class Holding:
    """One target's records about a person: how many, and the last day they must be kept."""

    target: Target
    rows: int
    kept_until: dt.date | None

    @property
    def rule(self) -> Rule:
        return RULES[self.target]

    def due(self, today: dt.date) -> bool:
        return self.rows > 0 and is_due(self.kept_until, today)

    def erasable_now(self, today: dt.date) -> bool:
        """Whether the law lets these go now: held only by consent, or past their period."""
        return self.rule.by_consent or is_due(self.kept_until, today)

    def law_says(self, today: dt.date) -> str:
        """The schedule's answer to 'may this be erased now?', in a sentence."""
        if self.rows == 0:
            return "Nothing of this kind is held."
        if self.rule.by_consent:
            return "Can be erased: held only because they agreed to it."
        if self.kept_until is not None and is_due(self.kept_until, today):
            return (
                f"Can be erased: the retention period ({self.rule.keep_for}) ended on "
                f"{self.kept_until:%-d %B %Y}."
            )
        if self.kept_until is None:
            return (
                f"Must be kept: the law says {self.rule.keep_for}, and that has not started "
                "yet (support has not ended)."
                if self.target != Target.FINANCIAL
                else f"Must be kept: {self.rule.keep_for}."
            )
        return (
            f"Must be kept until {self.kept_until:%-d %B %Y} ({self.rule.keep_for}). "
            f"{self.rule.why}"
        )


def last_money_day(person_id: int, *, using: str = "default") -> dt.date | None:
    """The day of the person's last money record: their ledger's last entry, or the day their
    fund was opened if nothing was ever posted; None without a fund."""
    last = (
        LedgerTransaction.objects.using(using)
        .filter(fund__person_id=person_id)
        .aggregate(last=Max("effective_on"))["last"]
    )
    if last is not None:
        return last
    fund = Fund.objects.using(using).filter(person_id=person_id).only("created_at").first()
    return timezone.localdate(fund.created_at) if fund is not None else None


def row_ids(person: Person, target: Target, *, using: str = "default") -> RowIds:
    """Every row the target holds about the person, by model (registered kinds only)."""
    found: RowIds = defaultdict(set)
    if target in (Target.PHOTO, Target.CIRCLE_CONTACTS):
        return found
    kind = RecordKind(target.value)
    for entry in registered():
        if entry.kind != kind:
            continue
        ids = set(entry.rows_for(person.pk).using(using).values_list("pk", flat=True))
        if ids:
            found[entry.model] |= ids
    if target == Target.ACCOUNT and found:
        # The account's own sign-in history (sign-ins, sign-outs, failures) is about no person
        # and goes with the account; rows about the person go with the audit.
        users = next(
            (ids for model, ids in found.items() if model._meta.label_lower == "accounts.user"),
            set(),
        )
        history = AuditEvent.objects.using(using).filter(actor_id__in=users, person_id__isnull=True)
        ids = set(history.values_list("pk", flat=True))
        if ids:
            found[AuditEvent] |= ids
    return found


def detail_count(person: Person, target: Target, *, using: str = "default") -> int:
    """How many details held by consent: a photo, or circle members with contact details."""
    if target == Target.PHOTO:
        return 1 if person.photo else 0
    contacts = Q()
    for field in CONTACT_FIELDS:
        contacts |= ~Q(**{field: ""})
    return CircleMember.objects.using(using).filter(contacts, person_id=person.pk).count()


def counts_for_people(person_ids: list[int], target: Target) -> dict[int, int]:
    """How many rows (or details) of ``target`` each of these people has: the same figures as
    ``holding``, in a few grouped queries for everyone rather than some forty a person (the
    review counts hundreds of people at once)."""
    counts: dict[int, int] = defaultdict(int)
    for start in range(0, len(person_ids), BATCH):
        chunk = person_ids[start : start + BATCH]
        if target == Target.PHOTO:
            for person_id in (
                Person.objects.filter(pk__in=chunk).exclude(photo="").values_list("pk", flat=True)
            ):
                counts[person_id] = 1
            continue
        if target == Target.CIRCLE_CONTACTS:
            contacts = Q()
            for name in CONTACT_FIELDS:
                contacts |= ~Q(**{name: ""})
            members = CircleMember.objects.filter(contacts, person_id__in=chunk)
            for row in members.values("person_id").annotate(n=Count("pk")).order_by():
                counts[row["person_id"]] += row["n"]
            continue
        kind = RecordKind(target.value)
        for entry in registered():
            if entry.kind != kind:
                continue
            rows = entry.model._default_manager.filter(**{f"{entry.person_lookup}__in": chunk})
            grouped = rows.values(entry.person_lookup).annotate(n=Count("pk", distinct=True))
            for row in grouped.order_by():
                counts[row[entry.person_lookup]] += row["n"]
        if target == Target.ACCOUNT:
            # As row_ids: the sign-in's own history (about no person) goes with the account.
            owners = dict(
                Person.objects.filter(pk__in=chunk, user__isnull=False).values_list("user_id", "pk")
            )
            history = AuditEvent.objects.filter(actor_id__in=owners, person_id__isnull=True)
            for row in history.values("actor_id").annotate(n=Count("pk")).order_by():
                counts[owners[row["actor_id"]]] += row["n"]
    return counts


def holding(person: Person, target: Target, *, using: str = "default") -> Holding:
    if target in (Target.PHOTO, Target.CIRCLE_CONTACTS):
        rows = detail_count(person, target, using=using)
    else:
        rows = sum(len(ids) for ids in row_ids(person, target, using=using).values())
    money_day = last_money_day(person.pk, using=using) if target == Target.FINANCIAL else None
    return Holding(
        target=target,
        rows=rows,
        kept_until=kept_until(
            target, support_ended_on=person.support_ended_on, last_money_on=money_day
        ),
    )


def holdings(person: Person, *, using: str = "default") -> list[Holding]:
    """Every target's holding for the person, in the order they are shown and destroyed."""
    return [holding(person, target, using=using) for target in TARGET_ORDER]
