"""Recording a decision: each refusal by its field, the ladder's rung worked out from who took
part, audited, and a decision announced twice logged once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import AuditEvent
from directsupport.coproduction.decisions.services import (
    level_from_participants,
    record_announced,
    record_decision,
)
from directsupport.coproduction.models import Decision, Level, ParticipantRole, Source, Topic
from directsupport.lib.decision_feed import DecisionTaken, Participant, announce

from .decisions_fixtures import TODAY, _on_a_fixed_day, best_interests, service_decision

__all__ = ["_on_a_fixed_day", "best_interests", "service_decision"]

pytestmark = pytest.mark.django_db

DEE = Participant(name="Dee Okafor", role=ParticipantRole.PERSON)
PRIYA = Participant(name="Priya Shah", role=ParticipantRole.STAFF)


def about_dee(dee, actor, **changes: Any) -> Decision:
    values: dict[str, Any] = {
        "organisation": dee.organisation,
        "person": dee,
        "topic": Topic.PLAN,
        "title": "Swimming on Tuesdays",
        "reasons": "Dee loves the water.",
        "level": None,
        "decided_on": TODAY,
        "participants": [DEE, PRIYA],
        "person_took_part": True,
        "actor": actor,
    }
    values.update(changes)
    return record_decision(**values)


def refusal(dee, actor, **changes: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        about_dee(dee, actor, **changes)
    assert Decision.objects.count() == 0
    return caught.value.message_dict


def test_a_decision_is_recorded_with_its_participants_and_audited(dee, coordinator):
    decision = about_dee(dee, coordinator, person_words="I want to swim with my friends.")

    assert [(p.name, p.role) for p in decision.participants.all()] == [
        ("Dee Okafor", "person"),
        ("Priya Shah", "staff"),
    ]
    assert decision.level == Level.CO_DESIGN
    event = AuditEvent.objects.get(subject_type="coproduction.decision")
    assert (event.person_id, event.actor, event.action) == (dee.pk, coordinator, "create")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Say what was decided"),
        ({"reasons": ""}, "reasons", "Say why it was decided"),
        ({"participants": []}, "participants", "Say who took part"),
        ({"participants": [Participant(name=" ", role="staff")]}, "participants", "Say who"),
        ({"decided_on": TODAY + dt.timedelta(days=1)}, "decided_on", "cannot be in the future"),
        ({"level": 0}, "level", "Choose a rung"),
        ({"level": 8}, "level", "Choose a rung"),
        ({"participants": [PRIYA]}, "participants", "Add Dee as taking part"),
        (
            {"participants": [Participant(name="Dee", role="boss")]},
            "participants",
            "Choose the part",
        ),
    ],
)
def test_each_refusal_names_its_field(dee, coordinator, changes, field, message):
    problems = refusal(dee, coordinator, **changes)
    assert any(message in text for text in problems[field]), problems


def test_about_a_person_without_them_needs_the_reason(dee, coordinator):
    problems = refusal(
        dee,
        coordinator,
        person_took_part=False,
        participants=[Participant(name="Ngozi Okafor", role="family")],
    )
    assert problems["without_person_reason"] == [
        "Say why Dee did not take part, for example a best-interests decision"
    ]


def test_the_person_cannot_both_take_part_and_not(dee, coordinator):
    problems = refusal(
        dee, coordinator, person_took_part=False, without_person_reason="In hospital."
    )
    assert "Dee is named as taking part" in problems["participants"][0]


def test_a_best_interests_decision_keeps_its_reason(best_interests):
    assert best_interests.person_took_part is False
    assert best_interests.without_person_reason.startswith("Best-interests decision")
    assert best_interests.level == Level.CONSULTATION


def test_a_service_decision_names_no_person_and_needs_no_reason(service_decision):
    assert service_decision.person is None
    assert service_decision.level == Level.CO_PRODUCTION


def test_a_service_decision_refuses_a_reason_for_a_person_not_there(provider, manager):
    with pytest.raises(ValidationError) as caught:
        record_decision(
            organisation=provider,
            topic=Topic.SERVICE_MODEL,
            title="New rate card",
            reasons="Costs went up.",
            level=3,
            decided_on=TODAY,
            participants=[PRIYA],
            person_took_part=False,
            without_person_reason="Nobody asked.",
            actor=manager,
        )
    assert "without_person_reason" in caught.value.message_dict


def test_someone_another_provider_supports_is_refused(dee, outsider, other_provider):
    with pytest.raises(ValidationError) as caught:
        about_dee(dee, outsider, organisation=other_provider)
    assert "person" in caught.value.message_dict


def test_a_given_level_is_kept(dee, coordinator):
    assert about_dee(dee, coordinator, level=Level.EDUCATING).level == Level.EDUCATING


S, C, P, F, E, R = "staff", "commissioner", "person", "family", "expert", "representative"


@pytest.mark.parametrize(
    ("about_person", "roles", "words", "level"),
    [
        (True, {P, F, S, C}, "I want it", Level.CO_PRODUCTION),
        (True, {P, S, C}, "I want it", Level.CO_DESIGN),  # no family or representative there
        (True, {P, F, S}, "I want it", Level.CO_DESIGN),  # no commissioner
        (True, {P, F, S, C}, "", Level.ENGAGEMENT),  # their words not recorded
        (True, {R, S}, "", Level.CONSULTATION),
        (True, {F, S, C}, "", Level.CONSULTATION),
        (True, {S}, "", Level.INFORMING),
        (False, {E, S, C}, "Yes", Level.CO_PRODUCTION),
        (False, {E, S}, "Yes", Level.CO_DESIGN),
        (False, {E, S}, "", Level.ENGAGEMENT),
        (False, {S, C}, "", Level.INFORMING),
    ],
)
def test_the_ladder_rung_from_who_took_part(about_person, roles, words, level):
    assert (
        level_from_participants(about_person=about_person, roles=roles, person_words=words) == level
    )


def announcement(dee, actor, **changes: Any) -> DecisionTaken:
    values: dict[str, Any] = {
        "source": Source.PLAN_BOOK,
        "source_key": "planning.planbookversion:99",
        "organisation_id": dee.organisation_id,
        "person_id": dee.pk,
        "topic": Topic.PLAN,
        "title": "Plan Book version 1 agreed",
        "reasons": "Dee's Plan Book.",
        "decided_on": TODAY,
        "participants": (DEE, PRIYA),
        "person_took_part": True,
        "actor_id": actor.pk,
    }
    values.update(changes)
    return DecisionTaken(**values)


def test_an_announced_decision_is_logged_once(dee, coordinator):
    first = record_announced(announcement(dee, coordinator))
    again = record_announced(announcement(dee, coordinator, title="Something else"))
    announce(announcement(dee, coordinator))

    assert again == first
    assert Decision.objects.count() == 1
    assert first.recorded_by == coordinator
    assert first.source == Source.PLAN_BOOK
    assert AuditEvent.objects.filter(subject_type="coproduction.decision").count() == 1


def test_recorded_decisions_without_a_key_are_each_kept(dee, coordinator):
    about_dee(dee, coordinator)
    about_dee(dee, coordinator)
    assert Decision.objects.count() == 2
