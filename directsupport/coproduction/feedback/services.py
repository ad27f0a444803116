"""Giving feedback: how things are going, from the person, their family or friends, or staff.

Keyword-only, one transaction, checked with a message per field (a ``ValidationError`` with a
dict; nothing is saved, and no file is kept, when it is raised), audited. ``request=None`` lets
the demo call it without a page. Who may call it is decided by the views through
``coproduction.access`` (``get_person_for_feedback(write=True)``); the service still refuses a
person giving feedback as someone else, whoever calls it.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.people.models import Person

from ..models import Feedback, FeedbackAbout, FeedbackFrom, Feeling
from .attachments import delete_attachment, prepare_attachment, store_attachment
from .queries import plan_book_in_force

NOTHING_GIVEN = "Choose a face, say something in your own words, or add a voice note or a picture."
WORDS_MAX = 2000
STAFF_ROLES = frozenset({Role.MANAGER, Role.COORDINATOR, Role.SUPPORT_WORKER})


def from_role_for(user: User) -> str:
    """Whose view the feedback is: the person's own, their family or friends', or staff's."""
    if user.role == Role.PERSON:
        return FeedbackFrom.PERSON
    if user.role == Role.CIRCLE:
        return FeedbackFrom.FAMILY
    return FeedbackFrom.STAFF


def _check(
    *, person: Person, given_by: User, about: str, feeling: int | None, words: str
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if given_by.role == Role.PERSON and person.user_id != given_by.pk:
        problems.setdefault("__all__", []).append(
            "Only the person can give feedback as themselves."
        )
    if given_by.role not in (Role.PERSON, Role.CIRCLE) and given_by.role not in STAFF_ROLES:
        problems.setdefault("__all__", []).append(
            "Feedback comes from the person, their circle or the staff who support them."
        )
    if about not in FeedbackAbout.values:
        problems["about"] = ["Choose what the feedback is about."]
    if feeling is not None and feeling not in Feeling.values:
        problems["feeling"] = ["Choose one of the five faces."]
    if len(words) > WORDS_MAX:
        problems["words"] = [
            f"Say it in {WORDS_MAX} characters or fewer (this has {len(words)}). "
            "Add a voice note if there is more to say."
        ]
    return problems


@transaction.atomic
def give_feedback(
    *,
    person: Person,
    given_by: User,
    about: str = FeedbackAbout.GENERAL,
    feeling: int | None = None,
    words: str = "",
    attachment: IO[bytes] | None = None,
    actor: User,
    request: HttpRequest | None = None,
    given_at: dt.datetime | None = None,
) -> Feedback:
    """Keep what ``given_by`` said about how things are going for ``person``.

    At least one of a face (``feeling``, 1-5), ``words`` or an ``attachment`` (a voice note or a
    picture, checked by content and size) is needed. The feedback is linked to the Plan Book
    version in force when it was given. ``given_at`` (default now) is for the demo's history.
    """
    words = words.replace("\r\n", "\n").strip()
    problems = _check(person=person, given_by=given_by, about=about, feeling=feeling, words=words)
    prepared = None
    if attachment is not None:
        try:
            prepared = prepare_attachment(attachment, size=getattr(attachment, "size", None))
        except ValidationError as error:
            problems["attachment"] = error.messages
    if not problems and feeling is None and not words and prepared is None:
        problems["__all__"] = [NOTHING_GIVEN]
    if problems:
        raise ValidationError(problems)

    moment = given_at or timezone.now()
    feedback = Feedback(
        person=person,
        given_by=given_by,
        given_by_name=given_by.full_name or given_by.email,
        from_role=from_role_for(given_by),
        about=about,
        feeling=feeling,
        words=words,
        plan_version=plan_book_in_force(person, at=given_at),
        given_at=moment,
    )
    stored = ""
    if prepared is not None:
        stored = store_attachment(prepared)
        feedback.attachment_kind = prepared.kind
        feedback.stored_name = stored
        feedback.content_type = prepared.content_type
        feedback.size_bytes = len(prepared.content)
    try:
        feedback.full_clean()
        feedback.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=person.pk,
            subject=feedback,
            summary=f"Gave feedback ({feedback.get_from_role_display().lower()})",
            # Never the file or its stored name: only that there is one, and what kind.
            changes=model_changes(
                {},
                {
                    "about": feedback.get_about_display(),
                    "feeling": feedback.get_feeling_display() if feeling else None,
                    "words": words or None,
                    "attachment": feedback.get_attachment_kind_display() if stored else None,
                    "plan_version": feedback.plan_version.number if feedback.plan_version else None,
                },
            ),
        )
    except BaseException:
        # The database rolls back; the file is not in it, so it goes here.
        delete_attachment(stored)
        raise
    return feedback
