"""Destroying a person's records once a manager has decided to: the one way anything is removed.

Everything asked for goes in one transaction, or nothing does. Before a row is touched the
plan is checked: each kind must be past its retention period (or held only by consent), the
person's own record goes only with or after everything else about them, and no other record
may still depend on what is removed (a fund still held, say). Then the rows are deleted
directly, leaving a metadata-only DestructionLog per kind (how many rows of which tables,
whose, when, why, by whom, never the content) and an audit row.

Audit rows, the ledger and published Plan Books are append-only (database triggers), so the
deletion runs in audit maintenance, and hash-chained rows have their hashes recorded first
(audit/chain.py forget_rows) so ``manage.py verify_records`` still passes. With a separate
owner database login for PostgreSQL (settings "owner"), the deletion and its log are made
through that login: the application's own login cannot delete such rows at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.files.storage import Storage
from django.db import connections, models, transaction
from django.db.models.deletion import ProtectedError
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.chain import forget_rows, registered_chains
from directsupport.audit.maintenance import audit_maintenance, maintenance_database
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.person_records import entry_for
from directsupport.people.models import CircleMember, Person

from .holdings import CONTACT_FIELDS, RowIds, detail_count, holding, row_ids
from .models import DestructionLog, ErasureRequest
from .schedule import RULES, TARGET_ORDER, Target

CHUNK = 500


class DestructionRefused(Exception):
    """Nothing was destroyed; ``reasons`` say why, in sentences for the manager."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass
class _Plan:
    """What one destruction will do, worked out before anything changes."""

    rows_by_target: dict[Target, RowIds] = field(default_factory=dict)
    details_by_target: dict[Target, int] = field(default_factory=dict)
    set_null: list[tuple[type[models.Model], str, list[int]]] = field(default_factory=list)
    cascade: list[tuple[type[models.Model], list[int]]] = field(default_factory=list)

    def union(self) -> RowIds:
        merged: RowIds = defaultdict(set)
        for rows in self.rows_by_target.values():
            for model, ids in rows.items():
                merged[model] |= ids
        return merged


def destroy(
    *,
    actor: User,
    person_id: int,
    targets: Sequence[Target],
    reason: str,
    erasure_request: ErasureRequest | None = None,
    request: HttpRequest | None = None,
) -> list[DestructionLog]:
    """Destroy the ``targets`` held about the person, all or nothing; one log row per target."""
    if not reason.strip():
        raise DestructionRefused(["Say why these records are being destroyed."])
    if not targets:
        raise DestructionRefused(["Choose at least one kind of record to destroy."])
    alias = maintenance_database()
    # The log and the deletion share the owner's transaction; the audit row is written
    # through the application's own login, in a transaction around it (one, when they are
    # the same database).
    with transaction.atomic():
        saved, ordered = _destroy_on(
            alias,
            actor=actor,
            person_id=person_id,
            targets=targets,
            reason=reason,
            erasure_request=erasure_request,
        )
        total = sum(log.rows_destroyed for log in saved)
        record_change(
            request,
            actor=actor,
            action=Action.DELETE,
            subject=saved[0],
            summary=(
                f"Destroyed {total} record{'s' if total != 1 else ''} of person number "
                f"{person_id}: " + ", ".join(RULES[target].title.lower() for target in ordered)
            ),
            changes={
                "targets": [target.value for target in ordered],
                "rows": total,
                "destruction_logs": [log.pk for log in saved],
            },
        )
    return saved


def _destroy_on(
    alias: str,
    *,
    actor: User,
    person_id: int,
    targets: Sequence[Target],
    reason: str,
    erasure_request: ErasureRequest | None,
) -> tuple[list[DestructionLog], list[Target]]:
    with transaction.atomic(using=alias):
        person = (
            Person.objects.using(alias)
            .select_for_update()
            .filter(pk=person_id, organisation_id=actor.organisation_id)
            .first()
        )
        if person is None:
            raise DestructionRefused(["There is no such person in your organisation."])
        ordered = [target for target in TARGET_ORDER if target in set(targets)]
        plan = _make_plan(person, ordered, alias)
        union = plan.union()
        files = _stored_files(union, alias) + _photo_if_erased(person, ordered)
        logs = _carry_out(person, ordered, plan, union, alias)
        saved = [
            DestructionLog.objects.using(alias).create(
                organisation_id=person.organisation_id,
                person_id=person.pk,
                target=target.value,
                rows_destroyed=count,
                rows_by_table=by_table,
                reason=reason.strip(),
                kept_until=holding_until,
                destroyed_by=actor,
                destroyed_by_label=actor.email,
                erasure_request=erasure_request,
            )
            for target, count, by_table, holding_until in logs
        ]
        # Files go only once the rows are gone for good: a rolled-back destruction keeps them.
        transaction.on_commit(lambda: _delete_files(files), using=alias)
    return saved, ordered


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def _make_plan(person: Person, targets: list[Target], alias: str) -> _Plan:
    today = timezone.localdate()
    plan = _Plan()
    reasons: list[str] = []
    for target in targets:
        held = holding(person, target, using=alias)
        if not held.erasable_now(today):
            reasons.append(f"{held.rule.title}: {held.law_says(today)}")
        if target in (Target.PHOTO, Target.CIRCLE_CONTACTS):
            plan.details_by_target[target] = detail_count(person, target, using=alias)
        else:
            plan.rows_by_target[target] = row_ids(person, target, using=alias)
    if Target.CARE in targets:
        for target in TARGET_ORDER:
            if target in targets or target in (Target.PHOTO, Target.CIRCLE_CONTACTS):
                continue
            if holding(person, target, using=alias).rows:
                reasons.append(
                    f"Their care records include their own record, which ties everything else "
                    f"to them: destroy or include '{RULES[target].title}' first."
                )
    if not reasons:
        reasons += _dependants(plan, alias)
    if reasons:
        raise DestructionRefused(reasons)
    if not any(plan.details_by_target.values()) and not any(
        ids for rows in plan.rows_by_target.values() for ids in rows.values()
    ):
        raise DestructionRefused(["Nothing of these kinds is held about them any more."])
    return plan


def _dependants(plan: _Plan, alias: str) -> list[str]:
    """Records outside the plan that point at rows in it: emptied links (SET_NULL) and rows
    that exist only for the deleted ones (unregistered CASCADE, such as a sign-in's two-factor
    device) go with it; anything else stops the destruction, named for the manager."""
    union = plan.union()
    blocked: dict[str, int] = defaultdict(int)
    for model, ids in union.items():
        for relation in model._meta.related_objects:
            if relation.many_to_many:
                # Links kept in a table Django made (not a model of ours) go with the row;
                # a through model of ours is seen as its own foreign key below.
                through = relation.through  # type: ignore[attr-defined]
                if through._meta.auto_created:
                    column = relation.field.m2m_reverse_field_name()  # type: ignore[attr-defined]
                    links = [
                        pk
                        for chunk in _chunks(ids)
                        for pk in through._default_manager.using(alias)
                        .filter(**{f"{column}__in": chunk})
                        .values_list("pk", flat=True)
                    ]
                    if links:
                        plan.cascade.append((through, links))
                continue
            dependant = relation.related_model
            if not isinstance(dependant, type):
                continue
            fk_name = relation.field.name
            planned = union.get(dependant, set())
            refs = [
                pk
                for chunk in _chunks(ids)
                for pk in dependant._default_manager.using(alias)
                .filter(**{f"{fk_name}__in": chunk})
                .values_list("pk", flat=True)
                if pk not in planned
            ]
            if not refs:
                continue
            if relation.on_delete is models.SET_NULL:
                plan.set_null.append((dependant, relation.field.attname, refs))
            elif relation.on_delete is models.CASCADE and entry_for(dependant) is None:
                plan.cascade.append((dependant, refs))
            else:
                registered = entry_for(dependant)
                label = registered.label if registered else str(dependant._meta.verbose_name_plural)
                blocked[label] += len(refs)
    return [
        f"{count} of '{label}' still depend on these records: include them or destroy them first."
        for label, count in sorted(blocked.items())
    ]


def _carry_out(
    person: Person, targets: list[Target], plan: _Plan, union: RowIds, alias: str
) -> list[tuple[Target, int, dict[str, int], dt.date | None]]:
    """Delete and clear, then let the database confirm no link was left dangling."""
    kept = {target: holding(person, target, using=alias).kept_until for target in targets}
    connection = connections[alias]
    chained = {chain.model for chain in registered_chains()}
    for model, ids in union.items():
        if model in chained:
            forget_rows(model, sorted(ids), using=alias)
    with audit_maintenance(using=alias):
        for model, column, pks in plan.set_null:
            for chunk in _chunks(pks):
                model._default_manager.using(alias).filter(pk__in=chunk).update(**{column: None})
        for model, pks in plan.cascade:
            try:
                model._default_manager.using(alias).filter(pk__in=pks).delete()
            except ProtectedError as error:
                raise DestructionRefused(
                    [f"Other records still depend on {model._meta.verbose_name_plural}."]
                ) from error
        for model, ids in union.items():
            _delete_rows(model, ids, alias)
        details = _clear_details(person, targets, plan, alias)
        connection.check_constraints(table_names=_referring_tables(union))
    results = []
    for target in targets:
        if target in details:
            results.append((target, details[target][0], details[target][1], kept[target]))
            continue
        by_table = {
            model._meta.label_lower: len(ids) for model, ids in plan.rows_by_target[target].items()
        }
        results.append((target, sum(by_table.values()), by_table, kept[target]))
    return results


def _delete_rows(model: type[models.Model], ids: Iterable[int], alias: str) -> None:
    """A plain DELETE, without Django's cascade collector: every dependant is already in the
    plan, and the collector would refuse rows that protect each other (a ledger correction
    and the entry it reverses) even when both go."""
    connection = connections[alias]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    for chunk in _chunks(sorted(ids)):
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608
    for many in model._meta.many_to_many:
        through = many.remote_field.through
        if isinstance(through, type) and through._meta.auto_created:
            source = many.m2m_field_name()
            for chunk in _chunks(sorted(ids)):
                through._default_manager.using(alias).filter(**{f"{source}__in": chunk}).delete()


def _clear_details(
    person: Person, targets: list[Target], plan: _Plan, alias: str
) -> dict[Target, tuple[int, dict[str, int]]]:
    """Erase details held by consent (counted in the plan, before any row went: when the
    person's record goes too, the details have gone with it)."""
    cleared: dict[Target, tuple[int, dict[str, int]]] = {}
    if Target.PHOTO in targets:
        had = plan.details_by_target[Target.PHOTO]
        Person.objects.using(alias).filter(pk=person.pk).update(photo="")
        cleared[Target.PHOTO] = (had, {"people.person.photo": had})
    if Target.CIRCLE_CONTACTS in targets:
        members = CircleMember.objects.using(alias).filter(person_id=person.pk)
        count = plan.details_by_target[Target.CIRCLE_CONTACTS]
        members.update(**{name: "" for name in CONTACT_FIELDS})
        cleared[Target.CIRCLE_CONTACTS] = (count, {"people.circlemember.contacts": count})
    return cleared


def _stored_files(union: RowIds, alias: str) -> list[tuple[Storage, str]]:
    """Uploaded files (photos, graphic recordings) on rows about to be deleted."""
    names: list[tuple[Storage, str]] = []
    for model, ids in union.items():
        for file_field in model._meta.concrete_fields:
            if isinstance(file_field, models.FileField):
                for chunk in _chunks(sorted(ids)):
                    values = model._default_manager.using(alias).filter(pk__in=chunk)
                    names += [
                        (file_field.storage, name)
                        for name in values.values_list(file_field.name, flat=True)
                        if name
                    ]
    return names


def _photo_if_erased(person: Person, targets: list[Target]) -> list[tuple[Storage, str]]:
    if Target.PHOTO in targets and person.photo:
        return [(person.photo.storage, person.photo.name)]
    return []


def _referring_tables(union: RowIds) -> list[str]:
    tables = set()
    for model in union:
        tables.add(model._meta.db_table)
        for relation in model._meta.related_objects:
            tables.add(relation.related_model._meta.db_table)  # type: ignore[union-attr]
    return sorted(tables)


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for value in values:
        batch.append(value)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch
