"""Erasure requests: recorded, then decided part by part against the schedule, never automatic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.people.models import CircleMember, Person
from directsupport.retention.models import DestructionLog, ErasurePart, ErasureStatus
from directsupport.retention.schedule import Target
from directsupport.retention.services import (
    PartDecision,
    decide_erasure_request,
    record_erasure_request,
)

from .conftest import TODAY


@pytest.fixture
def dee_asks(dee, sister, manager, frozen_today):
    """Dee, still supported, asks for everything about her to be erased."""
    return record_erasure_request(
        actor=manager,
        person=dee,
        asked_by="Dee Okafor (the person)",
        asked_on=TODAY,
        what="Please delete everything you have about me and my family.",
    )


def test_recording_a_request_erases_nothing(dee_asks, dee):
    assert dee_asks.status == ErasureStatus.OPEN
    assert dee_asks.person_name == "Adaeze Okafor"
    assert Person.objects.filter(pk=dee.pk).exists()
    assert not DestructionLog.objects.exists()
    assert AuditEvent.objects.filter(subject_type="retention.erasurerequest").count() == 1


def test_a_request_from_the_future_is_refused(dee, manager, frozen_today):
    with pytest.raises(ValidationError) as refused:
        record_erasure_request(
            actor=manager, person=dee, asked_by="Dee", asked_on=dt.date(2026, 12, 1), what="All"
        )
    assert "asked_on" in refused.value.message_dict


def _decide(erasure, person, manager, **choices: tuple[bool, str]):
    return decide_erasure_request(
        actor=manager,
        erasure=erasure,
        person=person,
        decisions={Target(name): PartDecision(*choice) for name, choice in choices.items()},
    )


def test_care_records_within_retention_cannot_be_erased(dee_asks, dee, manager):
    with pytest.raises(ValidationError) as refused:
        _decide(
            dee_asks,
            dee,
            manager,
            care=(True, "She asked"),
            audit=(False, "Kept by law"),
            account=(False, "Kept with the audit"),
            circle_contacts=(True, "Held by consent"),
        )
    assert "Care records cannot be erased now" in str(refused.value.message_dict["care"])
    dee_asks.refresh_from_db()
    assert dee_asks.status == ErasureStatus.OPEN
    assert not ErasurePart.objects.exists()
    assert CircleMember.objects.get(person=dee).phone == "07700 900123"


def test_every_kind_held_needs_a_decision_and_a_reason(dee_asks, dee, manager):
    with pytest.raises(ValidationError) as refused:
        _decide(dee_asks, dee, manager, care=(False, ""))
    errors = refused.value.message_dict
    assert "give the reason" in str(errors["care"])
    assert "choose whether to erase or keep" in str(errors["circle_contacts"])


def test_consent_details_are_erased_and_the_rest_kept_with_reasons(dee_asks, dee, manager):
    logs = _decide(
        dee_asks,
        dee,
        manager,
        care=(False, "Care records are kept 8 years after support ends."),
        audit=(False, "Kept with the care records."),
        account=(False, "Kept with the audit."),
        circle_contacts=(True, "Held only because Dee agreed; she has withdrawn that."),
    )
    assert [log.target for log in logs] == ["circle_contacts"]
    assert logs[0].erasure_request == dee_asks
    assert CircleMember.objects.get(person=dee).phone == ""
    dee_asks.refresh_from_db()
    assert dee_asks.status == ErasureStatus.DECIDED
    assert dee_asks.decided_by == manager
    parts = {part.target: part for part in dee_asks.parts.all()}
    assert not parts["care"].erase and not parts["care"].allowed_now
    assert parts["circle_contacts"].erase and parts["circle_contacts"].allowed_now
    assert Person.objects.filter(pk=dee.pk).exists()


def test_a_decided_request_cannot_be_decided_again(dee_asks, dee, manager):
    choices = {
        "care": (False, "Kept"),
        "audit": (False, "Kept"),
        "account": (False, "Kept"),
        "circle_contacts": (False, "She changed her mind"),
    }
    _decide(dee_asks, dee, manager, **choices)
    with pytest.raises(ValidationError, match="already been decided"):
        _decide(dee_asks, dee, manager, **choices)


def test_after_retention_everything_can_be_erased_on_request(ended_dee, old_fund, manager):
    erasure = record_erasure_request(
        actor=manager, person=ended_dee, asked_by="Ngozi Okafor", asked_on=TODAY, what="All of it"
    )
    reason = "Past the retention period; nothing needs keeping."
    logs = _decide(
        erasure,
        ended_dee,
        manager,
        care=(True, reason),
        financial=(True, reason),
        audit=(True, reason),
        account=(True, reason),
    )
    assert {log.target for log in logs} == {"care", "financial", "audit", "account"}
    assert not Person.objects.filter(pk=ended_dee.pk).exists()
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.DECIDED
