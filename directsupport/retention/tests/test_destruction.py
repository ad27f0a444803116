"""Destroying records: all or nothing, metadata-only log, chains still verify."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from directsupport.audit.chain import seal_all
from directsupport.audit.models import Action, AuditEvent, DestroyedRecord
from directsupport.audit.services import record_event
from directsupport.funds.models import Fund, LedgerEntry, LedgerTransaction
from directsupport.lib.person_records import registered
from directsupport.people.models import CircleMember, Person
from directsupport.retention.destruction import DestructionRefused, destroy
from directsupport.retention.models import DestructionLog
from directsupport.retention.schedule import TARGET_ORDER, Target
from directsupport.subject_access.models import SubjectAccessRequest
from directsupport.subject_access.services import record_request

from .conftest import post_allocation

ALL = list(TARGET_ORDER)


def _rows_held(person_pk: int) -> dict[str, int]:
    return {
        entry.key: entry.rows_for(person_pk).count()
        for entry in registered()
        if entry.rows_for(person_pk).exists()
    }


def test_destroying_money_records_leaves_a_log_without_content(ended_dee, old_fund, manager):
    entries = LedgerEntry.objects.filter(fund=old_fund).count()
    transactions = LedgerTransaction.objects.filter(fund=old_fund).count()

    [log] = destroy(
        actor=manager, person_id=ended_dee.pk, targets=[Target.FINANCIAL], reason="Past 6 years"
    )

    assert not Fund.objects.filter(person=ended_dee).exists()
    assert not LedgerEntry.objects.filter(fund_id=old_fund.pk).exists()
    assert log.person_id == ended_dee.pk
    assert log.target == "financial"
    assert log.rows_by_table["funds.ledgerentry"] == entries
    assert log.rows_by_table["funds.ledgertransaction"] == transactions
    assert log.rows_by_table["funds.fund"] == 1
    assert log.rows_destroyed == sum(log.rows_by_table.values())
    assert log.reason == "Past 6 years"
    assert log.destroyed_by == manager
    assert log.kept_until == dt.date(2025, 3, 31)
    # The log says what and how many, never what the records said.
    text = json.dumps(model_to_dict(log), default=str)
    for content in ("ISF-0001", "Monthly allocation", "Hollowfield", "Okafor"):
        assert content not in text
    audit = AuditEvent.objects.filter(action=Action.DELETE, subject_type="retention.destructionlog")
    assert audit.get().person_id is None
    # The person's care records are untouched.
    assert Person.objects.filter(pk=ended_dee.pk).exists()


def test_the_chains_still_verify_after_a_destruction(ended_dee, old_fund, manager):
    seal_all()
    destroy(
        actor=manager,
        person_id=ended_dee.pk,
        targets=[Target.FINANCIAL, Target.AUDIT],
        reason="Past their retention period",
    )
    seal_all()
    assert DestroyedRecord.objects.filter(chain="ledger").exists()
    assert DestroyedRecord.objects.filter(chain="audit").exists()
    call_command("verify_records")  # raises CommandError on any mismatch


def test_everything_about_a_person_can_go_together(ended_dee, old_fund, sister, manager):
    seal_all()
    record_event(actor=ended_dee.user, action=Action.SIGN_IN, summary="Signed in")
    # A request for a copy of her information (an audit record that protects her record).
    record_request(
        actor=manager, person=ended_dee, received_on=dt.date(2018, 6, 1), requested_by="person"
    )
    user_pk = ended_dee.user_id
    logs = destroy(actor=manager, person_id=ended_dee.pk, targets=ALL, reason="Retention ended")

    assert _rows_held(ended_dee.pk) == {}
    assert not Person.objects.filter(pk=ended_dee.pk).exists()
    assert not AuditEvent.objects.filter(actor_id=user_pk).exists()
    assert not SubjectAccessRequest.objects.exists()
    assert {log.target for log in logs} == {target.value for target in ALL}
    # Counted before anything went: the contact details went with the circle's rows.
    assert {log.target: log.rows_destroyed for log in logs}["circle_contacts"] == 1
    assert DestructionLog.objects.filter(person_id=ended_dee.pk).count() == len(ALL)
    seal_all()
    call_command("verify_records")


def test_care_records_go_only_with_or_after_the_rest(ended_dee, old_fund, manager):
    with pytest.raises(DestructionRefused) as refused:
        destroy(actor=manager, person_id=ended_dee.pk, targets=[Target.CARE], reason="Due")
    assert any("Money records" in reason for reason in refused.value.reasons)
    assert Person.objects.filter(pk=ended_dee.pk).exists()
    assert LedgerEntry.objects.filter(fund=old_fund).exists()
    assert not DestructionLog.objects.exists()


def test_records_within_their_retention_period_are_refused(ended_dee, old_fund, manager, finance):
    post_allocation(old_fund, on=dt.date(2024, 5, 1), pence=100, actor=finance)
    before = LedgerEntry.objects.count()
    with pytest.raises(DestructionRefused) as refused:
        destroy(actor=manager, person_id=ended_dee.pk, targets=[Target.FINANCIAL], reason="x")
    assert "Must be kept until 31 March 2031" in refused.value.reasons[0]
    assert LedgerEntry.objects.count() == before
    assert not DestructionLog.objects.exists()


def test_a_person_still_supported_keeps_their_care_records(dee, manager, frozen_today):
    with pytest.raises(DestructionRefused) as refused:
        destroy(actor=manager, person_id=dee.pk, targets=[Target.CARE], reason="Asked")
    assert "has not started yet" in refused.value.reasons[0]
    assert Person.objects.filter(pk=dee.pk).exists()


def test_a_destruction_needs_a_reason(ended_dee, old_fund, manager):
    with pytest.raises(DestructionRefused, match="Say why"):
        destroy(actor=manager, person_id=ended_dee.pk, targets=[Target.FINANCIAL], reason="  ")
    assert Fund.objects.filter(pk=old_fund.pk).exists()


def test_another_organisations_person_cannot_be_destroyed(ended_dee, outsider):
    with pytest.raises(DestructionRefused, match="no such person"):
        destroy(actor=outsider, person_id=ended_dee.pk, targets=[Target.PHOTO], reason="x")


def test_circle_contact_details_are_cleared_but_the_circle_stays(ended_dee, sister, manager):
    [log] = destroy(
        actor=manager,
        person_id=ended_dee.pk,
        targets=[Target.CIRCLE_CONTACTS],
        reason="Dee asked",
    )
    member = CircleMember.objects.get(pk=sister.pk)
    assert (member.phone, member.email, member.address) == ("", "", "")
    assert member.name == "Ngozi Okafor"
    assert log.rows_destroyed == 1
    assert "07700" not in json.dumps(model_to_dict(log), default=str)
