"""Which models hold a person's data: a registry each app fills, read by subject access, retention.

lib stands below every app (DESIGN.md §2), so it cannot import their models to find what the
product holds about someone. Each app instead registers its own models, when Django starts,
saying how to reach the person from each one and what kind of record it is:

In the app, a ``person_records.py``::

    from directsupport.lib.person_records import RecordKind, excuse, register

    from .models import Agreement, LedgerEntry


    def register_person_records() -> None:
        register(Agreement, person_lookup="fund__person", kind=RecordKind.FINANCIAL,
                 label="ISF agreement versions")
        register(LedgerEntry, person_lookup="account__fund__person", kind=RecordKind.FINANCIAL,
                 label="Ledger entries", exclude=("idempotency_key",))
        excuse(RateCard, reason="The provider's prices, the same for everyone; no one's data.")

and in the app's AppConfig::

    def ready(self) -> None:
        from .person_records import register_person_records

        register_person_records()

- ``person_lookup`` is the ORM path from the model to the person's primary key, as you would
  write it in ``Model.objects.filter(<person_lookup>=person.pk)``: ``"person"``, ``"fund__person"``,
  ``"pk"`` for the Person model itself, ``"person_id"`` for a plain id column (the audit log).
  A path that crosses a many-to-many relation may match a row twice; ``rows_for`` removes
  duplicates.
- ``kind`` says which retention rule applies (``RecordKind``); the retention schedule is built
  from it, so choose the kind a records manager would: a Plan Book is a care record, a ledger
  entry a financial one.
- ``fields`` (only these) or ``exclude`` (all but these) trim what a subject access export
  shows; leave out secrets (password hashes, two-factor keys, idempotency keys), never
  anything the person has a right to see.

A test (``directsupport/subject_access/tests/test_registry_complete.py``) fails when a model
with a link to Person (direct, or one hop away such as fund → person) is neither registered
nor excused with a reason, so a new model cannot be forgotten by the export or by retention.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models


class RecordKind(StrEnum):
    """The kinds of record the retention schedule has a rule for."""

    # Plans, circles, consent, weeks, notes, needs: the Records Management Code's care records.
    CARE = "care"
    # Agreements, ledger, statements, hours, invoices: kept by financial years.
    FINANCIAL = "financial"
    # Who looked at or changed the person's information.
    AUDIT = "audit"
    # The person's own sign-in.
    ACCOUNT = "account"


@dataclass(frozen=True)
class PersonRecords:
    """One registered model: how to find a person's rows in it and what kind of record they are."""

    model: type[models.Model]
    person_lookup: str
    kind: RecordKind
    label: str
    fields: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable name for files and JSON keys: ``app_label.modelname``."""
        return self.model._meta.label_lower

    def rows_for(self, person_pk: int) -> models.QuerySet[Any]:
        """The person's rows in this model, in a stable order."""
        queryset = self.model._default_manager.filter(**{self.person_lookup: person_pk})
        if self.crosses_many_relation():
            # Paths through many-valued relations can repeat a row once per matching link.
            queryset = queryset.distinct()
        return queryset.order_by("pk")

    def crosses_many_relation(self) -> bool:
        """True when the lookup path goes through a many-to-many or reverse foreign key."""
        model: Any = self.model
        for name in self.person_lookup.split("__"):
            if name == "pk":
                return False
            field = model._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                return True
            model = field.related_model
            if model is None:
                return False
        return False

    def concrete_field_names(self) -> list[str]:
        """The columns this model's export shows, after ``fields`` / ``exclude``."""
        names = [field.name for field in self.model._meta.concrete_fields]
        if self.fields is not None:
            names = [name for name in names if name in self.fields]
        return [name for name in names if name not in self.exclude]


_registry: dict[type[models.Model], PersonRecords] = {}
_excused: dict[type[models.Model], str] = {}


def register(
    model: type[models.Model],
    *,
    person_lookup: str,
    kind: RecordKind | str,
    label: str,
    fields: list[str] | tuple[str, ...] | None = None,
    exclude: list[str] | tuple[str, ...] = (),
) -> None:
    """Say that ``model`` holds a person's data. Registering the same model the same way again
    does nothing (Django may run ready() twice); registering it differently is a mistake."""
    entry = PersonRecords(
        model=model,
        person_lookup=person_lookup,
        kind=RecordKind(kind),
        label=label,
        fields=tuple(fields) if fields is not None else None,
        exclude=tuple(exclude),
    )
    _check_field_names(entry)
    existing = _registry.get(model)
    if existing is not None and existing != entry:
        raise ImproperlyConfigured(f"{entry.key} is registered twice, differently.")
    if model in _excused:
        raise ImproperlyConfigured(f"{entry.key} is both registered and excused.")
    _registry[model] = entry


def excuse(model: type[models.Model], *, reason: str) -> None:
    """Say that ``model`` links to a person but holds none of their data (or holds it only as
    another registered model's copy), and why. The reason is read by people, so write it plainly."""
    if not reason.strip():
        raise ImproperlyConfigured(f"Excusing {model._meta.label_lower} needs a reason.")
    if model in _registry:
        raise ImproperlyConfigured(f"{model._meta.label_lower} is both registered and excused.")
    _excused[model] = reason


def registered() -> tuple[PersonRecords, ...]:
    """Every registered model, in app then model order (the export's order)."""
    return tuple(sorted(_registry.values(), key=lambda entry: entry.key))


def excused() -> dict[type[models.Model], str]:
    """Every excused model with its reason."""
    return dict(_excused)


def entry_for(model: type[models.Model]) -> PersonRecords | None:
    """The registration of ``model``, if any."""
    return _registry.get(model)


def _check_field_names(entry: PersonRecords) -> None:
    """Fail at start-up, not at export time, on a misspelt field name."""
    for name in (*(entry.fields or ()), *entry.exclude):
        try:
            entry.model._meta.get_field(name)
        except FieldDoesNotExist as missing:
            raise ImproperlyConfigured(f"{entry.key} has no field {name!r}.") from missing
