"""Every model that holds a person's data is in the registry (lib/person_records.py), or is
excused with a reason: otherwise a subject access export, and the retention schedule, would
silently leave it out."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from directsupport.lib import person_records
from directsupport.lib.person_records import RecordKind, excused, registered
from directsupport.people.models import Person


def _links_to(model: type[models.Model], targets: set[type[models.Model]]) -> list[str]:
    """The model's own links (foreign key, one-to-one, many-to-many) to any of ``targets``."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model in targets
    ]


def models_holding_person_data() -> dict[type[models.Model], str]:
    """Project models linked to Person directly, or through one model that is (fund → person),
    with the links that make them so."""
    project = [m for m in apps.get_models() if m.__module__.startswith("directsupport.")]
    direct = {m: _links_to(m, {Person}) for m in project}
    direct = {m: links for m, links in direct.items() if links}
    found = {m: f"links {', '.join(links)} to the person" for m, links in direct.items()}
    for model in project:
        if model in found:
            continue
        via = _links_to(model, set(direct))
        if via:
            found[model] = f"links {', '.join(via)} to a model that names the person"
    found[Person] = "is the person"
    return found


def test_every_model_with_a_person_link_is_registered_or_excused() -> None:
    accounted = {entry.model for entry in registered()} | set(excused())
    missing = {
        model._meta.label: why
        for model, why in models_holding_person_data().items()
        if model not in accounted
    }
    assert not missing, (
        "These models hold a person's data but are not in the registry: register them in the "
        "app's person_records.py (or excuse them with a reason). " + repr(missing)
    )


def test_the_check_finds_a_model_linked_one_hop_away() -> None:
    """The check itself: a ledger entry names the fund, not the person, and is still found."""
    from directsupport.funds.models import LedgerEntry, Statement

    found = models_holding_person_data()
    assert LedgerEntry in found and Statement in found


def test_the_check_fails_when_a_registered_model_is_taken_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from directsupport.planning.models import CaptureNote

    without = {m: e for m, e in person_records._registry.items() if m is not CaptureNote}
    monkeypatch.setattr(person_records, "_registry", without)
    with pytest.raises(AssertionError, match=r"planning\.CaptureNote"):
        test_every_model_with_a_person_link_is_registered_or_excused()


def test_every_excuse_gives_a_reason() -> None:
    for model, reason in excused().items():
        assert len(reason.split()) >= 5, model


def test_every_registration_has_a_kind_the_retention_schedule_knows() -> None:
    for entry in registered():
        assert entry.kind in set(RecordKind), entry.key


def test_registered_lookups_reach_the_person(db) -> None:
    """Each lookup path compiles to a query (a misspelt path would fail only at export time)."""
    for entry in registered():
        assert entry.rows_for(1).count() == 0, entry.key


def test_secrets_are_left_out_of_the_export() -> None:
    from directsupport.accounts.models import User
    from directsupport.week.models import CalendarFeed

    by_model = {entry.model: entry for entry in registered()}
    assert "password" not in by_model[User].concrete_field_names()
    assert "token" not in by_model[CalendarFeed].concrete_field_names()
