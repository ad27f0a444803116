"""Forms for the circle of support and for who in it may see and contribute. No side effects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.forms import IfNeededInput, IfNeededTextarea, RequiredIfRepresentative

from .circle_geometry import TITLES
from .circle_services import ConsentChoice
from .models import CircleMember, Closeness, DecidedBy, Person, Sector


def check_representative_fields(form: forms.Form, data: dict[str, Any], person: Person) -> None:
    """On a decision a representative made, their name and the reason are required (the form's
    side of circle_services.check_decider), each with its own message beside its field."""
    if data.get("decided_by") != DecidedBy.REPRESENTATIVE:
        return
    if not (data.get("representative_name") or "").strip():
        form.add_error(
            "representative_name", "Enter the name of the representative who made this decision."
        )
    if not (data.get("representative_reason") or "").strip():
        form.add_error(
            "representative_reason",
            f"Enter why a representative made this decision for {person.called}.",
        )


def short_names(members: Sequence[CircleMember]) -> dict[int, str]:
    """The name to use in a short question about each member.

    'Ngozi' for 'Ngozi Okafor'; the whole name when it is not a plain first and last name
    ('Dr Helen Morgan', 'Northfield Library team') or when two members share a first name.
    """
    firsts: dict[int, str] = {}
    for member in members:
        words = member.name.split()
        plain = len(words) == 2 and words[0].rstrip(".").casefold() not in TITLES
        firsts[member.pk] = words[0] if plain else member.name
    counts: dict[str, int] = {}
    for first in firsts.values():
        counts[first.casefold()] = counts.get(first.casefold(), 0) + 1
    return {
        member.pk: firsts[member.pk] if counts[firsts[member.pk].casefold()] == 1 else member.name
        for member in members
    }


SECTOR_CHOICES = [
    (Sector.FAMILY, "Family"),
    (Sector.FRIENDS, "Friends and unpaid support"),
    (Sector.PAID, "Paid supporters, such as support workers and personal assistants"),
    (Sector.COMMUNITY, "School, work, day services and community"),
]
CLOSENESS_CHOICES = [
    (Closeness.CLOSEST, "Closest to me (the middle ring)"),
    (Closeness.CLOSE, "Close (the second ring)"),
    (Closeness.FRIENDLY, "Know well (the third ring)"),
    (Closeness.FURTHER, "Further out (the outside ring)"),
]


class CircleMemberForm(forms.Form):
    """Someone in the circle: who they are to the person, where they sit, how to reach them."""

    name = forms.CharField(
        label="Name",
        max_length=150,
        error_messages={"required": "Enter their name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    relationship = forms.CharField(
        label="Who they are to {called}",
        max_length=100,
        help_text="In {called}'s words: for example 'my sister', 'my keyworker', 'my friend "
        "from football'.",
        error_messages={"required": "Enter who they are to {called}, for example 'my sister'."},
    )
    sector = forms.ChoiceField(
        label="Which part of the circle are they in?",
        choices=SECTOR_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which part of the circle they are in."},
    )
    closeness = forms.TypedChoiceField(
        label="How close are they to {called}?",
        choices=CLOSENESS_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how close they are to {called}."},
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the right form, like name@example.com."
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label="Address",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    login_email = forms.EmailField(
        label="Their sign-in",
        required=False,
        help_text="If they have their own sign-in as a circle member, type the email address they "
        "sign in with. This does not let them see anything: {called} decides that.",
        error_messages={
            "invalid": "Enter an email address in the right form, like name@example.com."
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(
        self, *args: Any, person: Person, member: CircleMember | None = None, **kwargs: Any
    ) -> None:
        if member is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": member.name,
                "relationship": member.relationship,
                "sector": member.sector,
                "closeness": member.closeness,
                "phone": member.phone,
                "email": member.email,
                "address": member.address,
                "login_email": member.user.email if member.user else "",
            }
        super().__init__(*args, **kwargs)
        self.person = person
        self.member = member
        for field in self.fields.values():
            field.label = str(field.label).format(called=person.called)
            field.help_text = str(field.help_text).format(called=person.called)
            field.error_messages = {
                key: str(message).replace("{called}", person.called)
                for key, message in field.error_messages.items()
            }

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_relationship(self) -> str:
        return " ".join(self.cleaned_data["relationship"].split())

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not any(ch.isdigit() for ch in phone):
            raise forms.ValidationError("Enter a phone number, like 07700 900123.")
        return phone

    def clean_login_email(self) -> User | None:
        """The circle member's sign-in with this email, in the person's organisation."""
        email = self.cleaned_data["login_email"].strip().lower()
        if not email:
            return None
        login = User.objects.filter(
            email__iexact=email,
            role=Role.CIRCLE,
            organisation_id=self.person.organisation_id,
            is_active=True,
        ).first()
        if login is None:
            raise forms.ValidationError(
                f"There is no circle member sign-in with the email address {email}. Check the "
                "address, or ask a manager to set up their sign-in first."
            )
        linked = CircleMember.objects.filter(person=self.person, user=login)
        if self.member is not None:
            linked = linked.exclude(pk=self.member.pk)
        already = linked.first()
        if already is not None:
            raise forms.ValidationError(
                f"That sign-in is already linked to {already.name} in "
                f"{self.person.called}'s circle."
            )
        return login

    def member_details(self) -> dict[str, Any]:
        """Keyword arguments for add_circle_member / update_circle_member."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "relationship": data["relationship"],
            "sector": data["sector"],
            "closeness": data["closeness"],
            "phone": data["phone"],
            "email": data["email"],
            "address": data["address"].strip(),
            "login": data["login_email"],
        }


# --- Who may see and contribute ---------------------------------------------------------------

YES_NO = [("yes", "Yes"), ("no", "No")]
DECIDER_CHOICES = [
    (DecidedBy.PERSON, "The person decided (I am recording what they told me)"),
    (
        DecidedBy.REPRESENTATIVE,
        "A representative decided because the person lacks capacity for this decision",
    ),
]


def _yes(value: str) -> bool:
    return value == "yes"


@dataclass(frozen=True)
class ConsentRow:
    """One member on the permissions form, with their two questions."""

    member: CircleMember
    called: str
    see: forms.BoundField
    contribute: forms.BoundField

    @property
    def questions(self) -> tuple[tuple[str, forms.BoundField], ...]:
        """Each question with the name of the picture beside it (for the easy-read page)."""
        return (("eye", self.see), ("pencil-square", self.contribute))


class ConsentForm(forms.Form):
    """For each member: may they see, may they add to plans (adding needs seeing).

    The person answers yes/no questions about each member in easy read. Staff tick boxes and
    must also say who decided: the person, or a representative (with name and reason) when the
    person lacks capacity for this decision.
    """

    decided_by = forms.ChoiceField(
        label="Who made this decision?",
        choices=DECIDER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made this decision."},
    )
    representative_name = RequiredIfRepresentative(
        label="Representative's name",
        max_length=150,
        widget=IfNeededInput(attrs={"autocomplete": "off"}),
        help_text="Only if a representative decided: for example a deputy, an attorney, or the "
        "person making a best interests decision.",
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative decided",
        max_length=2000,
        error_messages={
            "max_length": "The reason must be 2,000 characters or fewer (it has %(show_value)d)."
        },
        help_text="Only if a representative decided: why {called} lacks capacity to make this "
        "decision now (Mental Capacity Act 2005).",
        widget=IfNeededTextarea(attrs={"rows": 4}),
    )
    # The newest decision when the page was shown: a later one means someone else has changed
    # things since (see record_consent).
    based_on_decision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        person: Person,
        members: Sequence[CircleMember],
        by_the_person: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.members = list(members)
        self.by_the_person = by_the_person
        self.short_names = short_names(self.members)
        if by_the_person:
            for name in ("decided_by", "representative_name", "representative_reason"):
                del self.fields[name]
        else:
            self.fields["representative_reason"].help_text = str(
                self.fields["representative_reason"].help_text
            ).format(called=person.called)
        for member in self.members:
            self.fields[f"see_{member.pk}"] = self._question(member, "see")
            self.fields[f"contribute_{member.pk}"] = self._question(member, "contribute")

    def _question(self, member: CircleMember, kind: str) -> forms.Field:
        name = self.short_names[member.pk]
        current = member.may_see if kind == "see" else member.may_contribute
        if self.by_the_person:
            label = (
                f"Can {name} see my information?"
                if kind == "see"
                else f"Can {name} add to my plans?"
            )
            return forms.TypedChoiceField(
                label=label,
                choices=YES_NO,
                coerce=_yes,
                widget=forms.RadioSelect,
                initial="yes" if current else "no",
                error_messages={"required": f"Choose Yes or No for {name}."},
            )
        label = (
            f"May see {self.person.called}'s information"
            if kind == "see"
            else f"May add to {self.person.called}'s plans"
        )
        return forms.BooleanField(label=label, required=False, initial=current)

    def clean_based_on_decision(self) -> int:
        """A missing or garbled value counts as out of date, so the user is asked to check."""
        value = self.cleaned_data["based_on_decision"].strip()
        return int(value) if value.isdigit() else -1

    @property
    def rows(self) -> list[ConsentRow]:
        return [
            ConsentRow(
                member=member,
                called=self.short_names[member.pk],
                see=self[f"see_{member.pk}"],
                contribute=self[f"contribute_{member.pk}"],
            )
            for member in self.members
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for member in self.members:
            see = data.get(f"see_{member.pk}")
            contribute = data.get(f"contribute_{member.pk}")
            if contribute and see is False:
                name = self.short_names[member.pk]
                message = (
                    f"{name} cannot add to your plans if {name} cannot see your information. "
                    f"Choose Yes for seeing, or No for adding to your plans."
                    if self.by_the_person
                    else f"{member.name} can only add to {self.person.called}'s plans if they "
                    f"may also see {self.person.called}'s information. Tick both, or untick "
                    "'May add to plans'."
                )
                self.add_error(f"contribute_{member.pk}", message)
        if not self.by_the_person:
            check_representative_fields(self, data, self.person)
        return data

    def choices(self) -> dict[int, ConsentChoice]:
        return {
            member.pk: ConsentChoice(
                may_see=bool(self.cleaned_data[f"see_{member.pk}"]),
                may_contribute=bool(self.cleaned_data[f"contribute_{member.pk}"]),
            )
            for member in self.members
        }

    def decision(self) -> dict[str, Any]:
        """Keyword arguments for record_consent about who decided."""
        if self.by_the_person:
            return {"decided_by": DecidedBy.PERSON}
        return {
            "decided_by": self.cleaned_data["decided_by"],
            "representative_name": self.cleaned_data["representative_name"],
            "representative_reason": self.cleaned_data["representative_reason"],
        }
