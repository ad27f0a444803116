"""What a contract's pages and PDFs say: each party as the viewer may see them, their share of
a week's cost, and the easy-read sentences for the person."""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.money import format_pence
from directsupport.people.access import people_visible_to
from directsupport.people.models import DecidedBy

from ..models import Contract, ContractParty, NameShown, RequestNeed
from .shares import weekly_shares


@dataclass(frozen=True)
class PartyRow:
    party: ContractParty
    name: str
    isf_reference: str
    share_bp: int
    weekly_pence: int
    agreed_words: str

    @property
    def share_percent(self) -> str:
        return f"{self.share_bp / 100:.2f}%"

    @property
    def left(self) -> bool:
        return self.party.leaves_on is not None


def _supplier_names(contract: Contract) -> dict[int, str]:
    """How the request named each person to the supplier: first name or alias (full name only
    when the person agreed)."""
    names: dict[int, str] = {}
    if contract.request_id is None:
        return names
    for shown in RequestNeed.objects.filter(request_id=contract.request_id).select_related(
        "need__person"
    ):
        person = shown.need.person
        if shown.name_shown == NameShown.ALIAS and shown.alias:
            names[shown.need_id] = shown.alias
        elif shown.name_shown == NameShown.FULL_NAME:
            names[shown.need_id] = person.display_name
        else:
            names[shown.need_id] = person.called
    return names


def party_rows(contract: Contract, viewer: User) -> list[PartyRow]:
    """Everyone in the contract, in the order they were added. A supplier sees each person as
    the request named them; others see the names of the people they may see, and "Another
    person" for the rest of a pool."""
    parties = list(contract.parties.select_related("person", "fund").order_by("id"))
    current = {p.person_id: p.share_bp for p in parties if p.leaves_on is None}
    weekly = weekly_shares(contract.pence_a_week, current)
    if viewer.role == Role.SUPPLIER:
        shown = _supplier_names(contract)
        names = {p.pk: shown.get(p.need_id or 0, "A person supported") for p in parties}
    else:
        visible = set(
            people_visible_to(viewer)
            .filter(pk__in=[p.person_id for p in parties])
            .values_list("pk", flat=True)
        )
        names = {
            p.pk: p.person.display_name if p.person_id in visible else "Another person"
            for p in parties
        }
    # The council and the supplier learn that a representative decided, never who (often a
    # member of the person's circle).
    names_representatives = viewer.role not in (Role.COMMISSIONER, Role.SUPPLIER)
    return [
        PartyRow(
            party=party,
            name=names[party.pk],
            isf_reference=party.fund.reference if party.fund else "No ISF yet",
            share_bp=party.share_bp,
            weekly_pence=weekly.get(party.person_id, 0),
            agreed_words=agreed_words(party, names_representatives=names_representatives),
        )
        for party in parties
    ]


def agreed_words(party: ContractParty, *, names_representatives: bool) -> str:
    """ "Yes, 7 December 2026", with who decided when a representative did; or "Not yet"."""
    if party.agreed_at is None:
        return "Not yet"
    words = f"Yes, {party.agreed_at:%-d %B %Y}"
    if party.decided_by != DecidedBy.REPRESENTATIVE:
        return words
    if names_representatives and party.representative_name:
        return f"{words} (by {party.representative_name}, representative)"
    return f"{words} (by a representative)"


@dataclass(frozen=True)
class EasyIdea:
    icon: str
    sentences: tuple[str, ...]


def easy_ideas(contract: Contract, party: ContractParty | None) -> list[EasyIdea]:
    """The contract in short sentences, for the person (``party``) or about it."""
    supplier = contract.supplier.organisation.name
    current = {p.person_id: p.share_bp for p in contract.parties.all() if p.leaves_on is None}
    weekly = weekly_shares(contract.pence_a_week, current)
    ideas = [
        EasyIdea("lifebuoy", (f"This contract is for: {contract.service}.",)),
        EasyIdea("user-group", (f"{supplier} gives the support.",)),
    ]
    if contract.schedule:
        ideas.append(EasyIdea("calendar", (f"When: {contract.schedule}.",)))
    when = [f"It starts on {contract.starts_on:%-d %B %Y}."]
    when.append(
        f"It ends on {contract.ends_on:%-d %B %Y}." if contract.ends_on else "It has no end date."
    )
    ideas.append(EasyIdea("clock", tuple(when)))
    money = [
        f"It costs {format_pence(contract.pence_per_hour)} an hour.",
        f"A week costs {format_pence(contract.pence_a_week)}.",
    ]
    if party is not None and party.person_id in weekly:
        money.append(f"You pay {format_pence(weekly[party.person_id])} a week from your money.")
    if len(current) > 1:
        money.append(f"{len(current)} people share the cost.")
    ideas.append(EasyIdea("banknotes", tuple(money)))
    ideas.append(
        EasyIdea(
            "hand-raised",
            (
                f"To stop the contract, say so {contract.notice_weeks} weeks before.",
                f"If a session is cancelled: {contract.cancellation_rules}",
                f"To change something: {contract.change_rules}",
            ),
        )
    )
    if contract.absence_rules or contract.leaving_rules:
        ideas.append(
            EasyIdea(
                "user-minus",
                tuple(
                    sentence
                    for sentence in (
                        f"If you are away: {contract.absence_rules}"
                        if contract.absence_rules
                        else "",
                        f"If you want to leave: {contract.leaving_rules}"
                        if contract.leaving_rules
                        else "",
                    )
                    if sentence
                ),
            )
        )
    return ideas
