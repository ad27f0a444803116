"""Importing an Open Referral UK file into the directory: the whole file or nothing.

``import_feed`` reads the file (JSON, shape, the profile's schemas, ids used twice: feed.py),
works out every change and checks it (plan.py), and only when nothing is wrong writes it all in
one transaction, audited: each supplier and service added or changed gets its own audit row,
and the import one more saying what it did. The page for market shapers and ``manage.py
import_openreferral`` both call it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.market.models import (
    PostcodeDistrict,
    Service,
    SupplierKind,
    TaxonomyTerm,
)

from .feed import MAX_PROBLEMS, FeedRefused, read_feed
from .import_plan import ImportPlan, ServicePlan, SupplierPlan
from .plan import SERVICE_FIELDS, SUPPLIER_FIELDS, Planner, snapshot
from .validation import Problem


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    shape: str = ""
    problems: list[Problem] = field(default_factory=list)
    suppliers_added: list[str] = field(default_factory=list)
    suppliers_updated: list[str] = field(default_factory=list)
    suppliers_matched_by_name: list[str] = field(default_factory=list)
    services_added: list[str] = field(default_factory=list)
    services_updated: list[str] = field(default_factory=list)
    terms_added: list[str] = field(default_factory=list)
    locations_added: int = 0
    locations_updated: int = 0
    left_out: list[tuple[str, int]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def summary(self) -> str:
        if self.refused:
            return f"Refused: {len(self.problems)} problems; nothing was imported."
        return (
            f"Suppliers: {len(self.suppliers_added)} added, {len(self.suppliers_updated)} "
            f"updated. Services: {len(self.services_added)} added, "
            f"{len(self.services_updated)} updated. Taxonomy terms added: "
            f"{len(self.terms_added)}. Venues: {self.locations_added} added, "
            f"{self.locations_updated} updated."
        )


def import_feed(
    *,
    raw: bytes,
    directory_owner: Organisation,
    actor: Any,
    default_district: PostcodeDistrict | None = None,
    new_supplier_kind: str = SupplierKind.COMMUNITY_GROUP,
    request: HttpRequest | None = None,
) -> ImportReport:
    """Import ``raw`` (an Open Referral UK JSON file) into ``directory_owner``'s directory.
    New suppliers are published, of ``new_supplier_kind``, based where their first venue is or
    in ``default_district``. Returns the report; a refused file changes nothing."""
    try:
        feed = read_feed(raw)
    except FeedRefused as refused:
        return ImportReport(problems=refused.problems)
    try:
        with transaction.atomic():
            # Planned inside the transaction (which takes the write lock first), so what was
            # checked is what is written.
            plan = Planner(
                directory_owner=directory_owner,
                default_district=default_district,
                new_supplier_kind=new_supplier_kind,
                today=timezone.localdate(),
            ).plan(feed)
            if plan.problems:
                return ImportReport(shape=feed.shape, problems=_capped(plan.problems))
            report = _write(plan, actor=actor, owner=directory_owner, request=request)
            report.shape = feed.shape
            _record_import(report, actor=actor, owner=directory_owner, request=request)
            return report
    except IntegrityError as error:
        # Everything was checked first, so this is the directory changing under the import
        # (another import, an edit), or a rule only the database knows.
        return ImportReport(
            shape=feed.shape,
            problems=[
                Problem(
                    "$",
                    f"The database refused part of the file ({error}), so nothing was imported. "
                    "If someone changed the directory at the same time, try again.",
                )
            ],
        )


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("$", f"… and {more} more problems not listed")]


def _write(
    plan: ImportPlan, *, actor: Any, owner: Organisation, request: HttpRequest | None
) -> ImportReport:
    report = ImportReport(left_out=sorted(Counter(plan.left_out).items()))
    now = timezone.now()
    signed_in = actor if getattr(actor, "is_authenticated", False) else None
    for supplier_plan in plan.suppliers:
        _write_supplier(
            supplier_plan,
            report,
            actor=actor,
            signed_in=signed_in,
            now=now,
            owner=owner,
            request=request,
        )
    _write_terms(plan, report)
    for venue in plan.locations:
        venue.location.supplier = venue.owner.supplier
        venue.location.save()
        if venue.is_new:
            report.locations_added += 1
        else:
            report.locations_updated += 1
    for service_plan in plan.services:
        _write_service(service_plan, report, actor=actor, now=now, owner=owner, request=request)
    return report


def _write_supplier(
    plan: SupplierPlan,
    report: ImportReport,
    *,
    actor: Any,
    signed_in: Any,
    now: Any,
    owner: Organisation,
    request: HttpRequest | None,
) -> None:
    organisation = plan.organisation
    organisation.save()
    supplier = plan.supplier
    supplier.organisation = organisation
    name = organisation.name
    if plan.is_new:
        supplier.created_at = supplier.updated_at = now
        supplier.updated_by = signed_in
        supplier.save()
        report.suppliers_added.append(name)
        _audit(request, actor, owner, Action.CREATE, supplier, f"Imported supplier {name}", {})
        return
    changes = model_changes(plan.before, snapshot(supplier, SUPPLIER_FIELDS))
    supplier.version += 1
    supplier.updated_at = now
    supplier.updated_by = signed_in
    supplier.save()
    report.suppliers_updated.append(name)
    if plan.matched_by_name:
        report.suppliers_matched_by_name.append(name)
    _audit(
        request, actor, owner, Action.UPDATE, supplier, f"Import updated supplier {name}", changes
    )


def _write_terms(plan: ImportPlan, report: ImportReport) -> None:
    new = [term_plan for term_plan in plan.terms if term_plan.is_new]
    for term_plan in new:
        term_plan.term.save()
        report.terms_added.append(term_plan.term.name)
    planned = {term_plan.term.uuid: term_plan.term for term_plan in plan.terms}
    for term_plan in new:
        if term_plan.parent_id is None:
            continue
        parent = planned.get(term_plan.parent_id) or (
            TaxonomyTerm.objects.filter(uuid=term_plan.parent_id).first()
        )
        if parent is not None and parent.pk != term_plan.term.pk:
            term_plan.term.parent = parent
            term_plan.term.save(update_fields=["parent"])


def _write_service(
    plan: ServicePlan,
    report: ImportReport,
    *,
    actor: Any,
    now: Any,
    owner: Organisation,
    request: HttpRequest | None,
) -> None:
    service = plan.service
    service.supplier = plan.owner.supplier
    service.updated_at = now
    if plan.is_new:
        service.created_at = now
    service.save()
    if plan.terms is not None:
        service.terms.set([term_plan.term for term_plan in plan.terms])
    for related, parts in (
        (service.schedules, plan.schedules),
        (service.areas, plan.areas),
        (service.cost_options, plan.cost_options),
    ):
        if parts is not None:
            _replace_parts(service, related, parts, is_new=plan.is_new)
    if plan.links is not None:
        links = []
        for link, venue in plan.links:
            link.location = venue.location
            links.append(link)
        _replace_parts(service, service.at_locations, links, is_new=plan.is_new)
    label = f"{service.name} ({plan.owner.organisation.name})"
    if plan.is_new:
        report.services_added.append(label)
        _audit(request, actor, owner, Action.CREATE, service, f"Imported service {label}", {})
    else:
        report.services_updated.append(label)
        changes = model_changes(plan.before, snapshot(service, SERVICE_FIELDS))
        _audit(request, actor, owner, Action.UPDATE, service, f"Import updated {label}", changes)


def _replace_parts(service: Service, related: Any, parts: list[Any], *, is_new: bool) -> None:
    """The service's parts of one kind become ``parts``: the others are deleted first (so a
    district or venue moving to a new id never meets its old row), then each is saved. A new
    service has nothing to delete, and its parts go in at once."""
    for part in parts:
        part.service = service
    if is_new:
        related.model.objects.bulk_create(parts)
        return
    related.exclude(pk__in=[part.pk for part in parts if part.pk is not None]).delete()
    for part in parts:
        part.save()


def _audit(
    request: HttpRequest | None,
    actor: Any,
    owner: Organisation,
    action: str,
    subject: Any,
    summary: str,
    changes: dict[str, Any],
) -> None:
    record_change(
        request,
        actor=actor,
        action=action,
        subject=subject,
        summary=summary,
        changes=changes,
        organisation_id=owner.pk,
    )


def _record_import(
    report: ImportReport, *, actor: Any, owner: Organisation, request: HttpRequest | None
) -> None:
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject_type="market.openreferral_import",
        subject_id=timezone.now().strftime("%Y%m%dT%H%M%S"),
        summary=f"Imported an Open Referral UK file ({report.shape}). {report.summary()}",
        organisation_id=owner.pk,
    )
