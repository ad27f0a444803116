"""Audit rows in plain words: "Priya Shah (coordinator) looked at Dee Okafor's person page"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from directsupport.accounts.roles import Role

from .models import Action, AuditEvent

VERBS: dict[str, str] = {
    Action.VIEW: "looked at",
    Action.CREATE: "added",
    Action.UPDATE: "changed",
    Action.DELETE: "removed",
    Action.EXPORT: "exported",
    Action.DENIED: "was refused",
    Action.SIGN_IN: "signed in",
    Action.SIGN_IN_FAILED: "failed to sign in",
    Action.LOCKED_OUT: "was locked out",
    Action.SIGN_OUT: "signed out",
    Action.TWO_FACTOR: "used two-factor",
}
# Things that happen to the actor themselves: the summary is a detail in brackets.
ABOUT_THEMSELVES = {
    Action.SIGN_IN,
    Action.SIGN_IN_FAILED,
    Action.LOCKED_OUT,
    Action.SIGN_OUT,
    Action.TWO_FACTOR,
}
SUBJECT_WORDS: dict[str, str] = {
    "accounts.user": "a user's account",
    "audit.auditevent": "the audit log",
    "people.person": "a person's information",
    "people.circle": "a circle of support",
    "people.circlemember": "a circle member",
}


def person_ids(events: Iterable[AuditEvent]) -> set[int]:
    return {event.person_id for event in events if event.person_id is not None}


def actor_words(event: AuditEvent) -> str:
    if event.actor_id is None:
        return "Someone not signed in"
    name = event.actor.full_name if event.actor else event.actor_label
    role = event.actor_role
    if role in Role.values:
        return f"{name} ({Role(role).label.lower()})"
    return name


def describe(event: AuditEvent, person_names: Mapping[int, str]) -> str:
    """One sentence. ``person_names`` maps person ids to names (looked up once per page)."""
    verb = VERBS.get(event.action, event.action)
    summary = event.summary.strip()
    sentence = f"{actor_words(event)} {verb}"
    if event.action in ABOUT_THEMSELVES:
        return f"{sentence} ({_lower_first(summary)})" if summary else sentence
    if event.person_id is not None:
        name = person_names.get(event.person_id, f"person number {event.person_id}")
        if event.action == Action.DENIED:
            detail = f" ({_lower_first(summary)})" if summary else ""
            return f"{sentence} access to {name}'s information{detail}{_repeats(event)}"
        return f"{sentence} {name}'s {after_possessive(summary) or 'information'}"
    if event.action == Action.DENIED:
        thing = SUBJECT_WORDS.get(event.subject_type, "a page")
        detail = f" ({_lower_first(summary)})" if summary else ""
        return f"{sentence} access to {thing}{detail}{_repeats(event)}"
    return f"{sentence} {summary}" if summary else sentence


def _repeats(event: AuditEvent) -> str:
    """For a row counting repeated refusals (audit/denial_limit.py): ', 500 times in the minute
    from 14:03 on 2 March 2026'."""
    changes = event.changes if isinstance(event.changes, dict) else {}
    times = changes.get("times")
    if not times:
        return ""
    so_far = " so far" if changes.get("so_far") else ""
    return f", {times} times{so_far} in the minute from {changes.get('minute_from', '')}"


def after_possessive(summary: str) -> str:
    """A summary as it reads after "Dee Okafor's": a title keeps its capitals ("Plan Book
    versions", not "plan Book versions"), and a page the person names in their own voice drops
    the "My" ("My Perfect Week page" reads "Perfect Week page", not "Dee's my Perfect Week")."""
    words = summary.split(" ")
    if len(words) > 1 and words[0] == "My" and words[1][:1].isupper():
        return " ".join(words[1:])
    if len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper():
        return summary
    return _lower_first(summary)


def _lower_first(text: str) -> str:
    """'Person page' → 'person page', but leave 'BSL' or 'PDF copy' as they are."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
