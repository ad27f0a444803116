"""Changing a person's circle of support, and recording who in it may see and contribute.

Every function is atomic, validates with full_clean() before writing and appends an audit row
with old and new values. Adding someone to the circle never lets them see anything: only a
consent decision (record_consent) does that, and only the person or their representative makes
one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change

from .models import CircleMember, ConsentDecision, DecidedBy, Person

MEMBER_FIELDS = ("name", "relationship", "sector", "closeness", "phone", "email", "address")


class ConsentConflict(Exception):
    """Someone recorded another decision for this circle after the page was opened."""

    def __init__(self, *, latest_decision_id: int) -> None:
        super().__init__(f"The latest decision is now {latest_decision_id}")
        self.latest_decision_id = latest_decision_id


@dataclass(frozen=True)
class ConsentChoice:
    """What one member may do, as the person (or their representative) decided it."""

    may_see: bool
    may_contribute: bool


def _snapshot(member: CircleMember) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(member, name) for name in MEMBER_FIELDS}
    # The sign-in is logged by its email address: a bare id means nothing to a reader.
    values["sign_in"] = member.user.email if member.user_id and member.user else None
    return values


def _check_login(person: Person, login: User | None) -> None:
    """Only a circle member's sign-in from the person's own organisation may be linked."""
    if login is None:
        return
    if login.role != Role.CIRCLE or login.organisation_id != person.organisation_id:
        raise ValidationError(
            {"user": "Link only a circle member's sign-in from the same organisation."}
        )


@transaction.atomic
def add_circle_member(
    *,
    actor: User,
    person: Person,
    name: str,
    relationship: str,
    sector: str,
    closeness: int,
    phone: str = "",
    email: str = "",
    address: str = "",
    login: User | None = None,
    request: HttpRequest | None = None,
) -> CircleMember:
    """Add someone to the circle. They may not see or contribute until the person says so."""
    _check_login(person, login)
    member = CircleMember(
        person=person,
        name=name,
        relationship=relationship,
        sector=sector,
        closeness=closeness,
        phone=phone,
        email=email,
        address=address,
        user=login,
        may_see=False,
        may_contribute=False,
    )
    member.full_clean()
    member.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=member,
        summary=f"Added {member.name} to the circle of support",
        changes=model_changes({}, _snapshot(member)),
    )
    return member


@transaction.atomic
def update_circle_member(
    *,
    actor: User,
    member: CircleMember,
    name: str,
    relationship: str,
    sector: str,
    closeness: int,
    phone: str = "",
    email: str = "",
    address: str = "",
    login: User | None = None,
    request: HttpRequest | None = None,
) -> CircleMember:
    """Change a member's details. What they may see stays as the person decided — unless the
    member's sign-in is swapped for someone else's: the person agreed to a person, not to a
    login, so the new login starts with no access until the person decides again."""
    _check_login(member.person, login)
    current = (
        CircleMember.objects.select_related("user")
        .select_for_update(of=("self",))
        .get(pk=member.pk)
    )
    before = {**_snapshot(current), "may_see": current.may_see}
    new_login_id = login.pk if login is not None else None
    if current.user_id is not None and current.user_id != new_login_id:
        current.may_see = False
        current.may_contribute = False
    current.name = name
    current.relationship = relationship
    current.sector = sector
    current.closeness = closeness
    current.phone = phone
    current.email = email
    current.address = address
    current.user = login
    current.full_clean()
    current.save()
    changes = model_changes(before, {**_snapshot(current), "may_see": current.may_see})
    if changes:
        record_change(
            request,
            actor=actor,
            action=Action.UPDATE,
            person_id=current.person_id,
            subject=current,
            summary=f"Changed the details of {current.name} in the circle of support",
            changes=changes,
        )
    return current


@transaction.atomic
def remove_circle_member(
    *, actor: User, member: CircleMember, request: HttpRequest | None = None
) -> None:
    """Take someone out of the circle: from this moment they can see nothing of the person."""
    current = (
        CircleMember.objects.select_related("user")
        .select_for_update(of=("self",))
        .get(pk=member.pk)
    )
    before = {
        **_snapshot(current),
        "may_see": current.may_see,
        "may_contribute": current.may_contribute,
    }
    delete_and_record(
        request,
        actor=actor,
        instance=current,
        person_id=current.person_id,
        summary=f"Removed {current.name} from the circle of support",
        before=before,
    )


def latest_decision_id(person: Person) -> int:
    """The newest consent decision in the person's circle (0 if none): a version for the page."""
    latest = (
        ConsentDecision.objects.filter(person=person)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return latest or 0


def check_decider(
    actor: User, decided_by: str, representative_name: str, representative_reason: str
) -> None:
    """Who made a decision about the person (their consent, what they share with the council):
    the person, or a representative named with the reason (Mental Capacity Act). One rule for
    every such decision."""
    if decided_by not in DecidedBy.values:
        raise ValidationError({"decided_by": "Choose who made this decision."})
    if actor.role == Role.PERSON and decided_by != DecidedBy.PERSON:
        raise ValidationError({"decided_by": "People decide for themselves."})
    if decided_by == DecidedBy.REPRESENTATIVE:
        errors = {}
        if not representative_name:
            errors["representative_name"] = "Enter the name of the representative who decided."
        if not representative_reason:
            errors["representative_reason"] = "Enter why a representative made this decision."
        if errors:
            raise ValidationError(errors)


def decider_words(person: Person, decided_by: str, representative_name: str) -> str:
    """Who decided, as the audit log says it."""
    if decided_by == DecidedBy.REPRESENTATIVE:
        return f"{representative_name} (representative)"
    return person.display_name


@transaction.atomic
def record_consent(
    *,
    actor: User,
    person: Person,
    choices: Mapping[int, ConsentChoice],
    decided_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    based_on_decision: int | None = None,
    request: HttpRequest | None = None,
) -> list[ConsentDecision]:
    """Record what the person (or their representative) decided, member by member.

    ``choices`` maps member ids in the person's circle to what each may do; members whose
    choice is unchanged get no new decision. Each change appends a ConsentDecision, updates the
    member and writes an audit row, all or nothing. ``based_on_decision`` is the latest
    decision the user saw: if someone has recorded another since, ConsentConflict is raised
    and nothing is changed.
    """
    representative_name = representative_name.strip()
    representative_reason = representative_reason.strip()
    check_decider(actor, decided_by, representative_name, representative_reason)
    if decided_by != DecidedBy.REPRESENTATIVE:
        representative_name = representative_reason = ""

    members = {
        member.pk: member
        for member in CircleMember.objects.select_for_update().filter(
            person=person, pk__in=list(choices)
        )
    }
    unknown = set(choices) - set(members)
    if unknown:
        raise ValidationError("Some of these people are not in this circle.")
    if based_on_decision is not None:
        latest = latest_decision_id(person)
        if latest != based_on_decision:
            raise ConsentConflict(latest_decision_id=latest)

    decisions = []
    for member_id, choice in choices.items():
        member = members[member_id]
        before = {"may_see": member.may_see, "may_contribute": member.may_contribute}
        after = {"may_see": choice.may_see, "may_contribute": choice.may_contribute}
        if before == after:
            continue
        decision = ConsentDecision(
            may_see=choice.may_see,
            may_contribute=choice.may_contribute,
            decided_by=decided_by,
            representative_name=representative_name,
            representative_reason=representative_reason,
            recorded_by=actor,
        )
        decision.attach_to(member)
        decision.full_clean()
        member.may_see = choice.may_see
        member.may_contribute = choice.may_contribute
        member.full_clean()
        decision.save()
        member.save(update_fields=["may_see", "may_contribute"])
        who = decider_words(person, decided_by, representative_name)
        record_change(
            request,
            actor=actor,
            action=Action.UPDATE,
            person_id=person.pk,
            subject=member,
            summary=f"{who} decided what {member.name} may see and add (decision {decision.pk})",
            changes={
                **model_changes(before, after),
                "decided_by": {"from": None, "to": decided_by},
                **(
                    {"representative": {"from": None, "to": representative_name}}
                    if representative_name
                    else {}
                ),
            },
        )
        decisions.append(decision)
    return decisions
