"""Who may see and change a person's weeks, the rate card, and calendar links. The only place
these decisions are made; every function starts from ``people.access``.

- A person's weeks (Perfect Week and week now, with their prices): staff close to the person,
  the market shaper and finance, the person, and circle members the person lets see.
  Managers and coordinators change them (with the person). Commissioners never open a week:
  they read the Perfect Week of the latest published Plan Book on the plan summary, without the
  names of family and friends, and only when the person shares it
  (may_see_week_in_summary); suppliers and experts never.
- The rate card: provider staff who plan or pay for support read it; managers and finance make
  a new one.
- Calendar links: the person, and circle members who may see, make their own private link;
  its owner, the person and the person's editors can revoke it. The feed itself is reached by
  its secret token alone (calendar apps cannot sign in), and a revoked link is not found.
"""

from __future__ import annotations

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.people.access import (
    EDITORS,
    can_edit_person,
    get_person_for_user,
    people_visible_to,
    shared_with_council,
)
from directsupport.people.models import Person

from .models import CalendarFeed, RateCard

WEEK_READERS = frozenset(
    {
        Role.MANAGER,
        Role.COORDINATOR,
        Role.SUPPORT_WORKER,
        Role.MARKET_SHAPER,
        Role.FINANCE,
        Role.PERSON,
        Role.CIRCLE,
    }
)
RATE_CARD_READERS = frozenset({Role.MANAGER, Role.COORDINATOR, Role.FINANCE, Role.MARKET_SHAPER})
RATE_CARD_EDITORS = frozenset({Role.MANAGER, Role.FINANCE})


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


def can_see_weeks(user: User) -> bool:
    """For the person tabs: whether this user may open a person's weeks at all."""
    return user.role in WEEK_READERS


def may_see_week_in_summary(user: User, person: Person) -> bool:
    """The Perfect Week on a plan summary (names of family and friends replaced by how they
    are related): only when the person agreed to share it with the council. Staff previewing
    the summary see what the council would see."""
    return "perfect_week" in shared_with_council(person)


def get_week_person_for_user(user: User, pk: int, *, write: bool = False) -> Person:
    person = get_person_for_user(user, pk)
    if user.role not in WEEK_READERS:
        raise NoAccess(
            subject_type="week.week",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to the Perfect Week for a {_role_name(user)}",
        )
    if write and not can_edit_person(user, person):
        raise ReadOnly(
            subject_type="week.week",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change a week",
        )
    return person


def can_edit_week(user: User, person: Person) -> bool:
    return can_edit_person(user, person)


# --- The rate card --------------------------------------------------------------------------


def check_may_see_rate_cards(user: User) -> None:
    if not user.is_active or user.role not in RATE_CARD_READERS:
        raise NoAccess(
            subject_type="week.ratecard",
            subject_id="*",
            reason=f"No rate card for a {_role_name(user)}",
        )


def can_change_rate_cards(user: User) -> bool:
    return user.is_active and user.role in RATE_CARD_EDITORS


def check_may_change_rate_cards(user: User) -> None:
    check_may_see_rate_cards(user)
    if not can_change_rate_cards(user):
        raise ReadOnly(
            subject_type="week.ratecard",
            subject_id="new",
            reason="Read-only access: tried to change the rate card",
        )


def get_rate_card_for_user(user: User, pk: int) -> RateCard:
    check_may_see_rate_cards(user)
    card = RateCard.objects.filter(organisation_id=user.organisation_id, pk=pk).first()
    if card is None:
        raise NoAccess(subject_type="week.ratecard", subject_id=pk, reason="No such rate card")
    return card


# --- Calendar links -------------------------------------------------------------------------


def can_have_calendar_link(user: User, person: Person) -> bool:
    """The person themselves, or a circle member the person lets see (people_visible_to has
    already required that for a circle member)."""
    if user.role == Role.PERSON:
        return person.user_id == user.pk
    return user.role == Role.CIRCLE


def get_feed_person_for_user(user: User, pk: int) -> Person:
    person = get_week_person_for_user(user, pk)
    if not (can_have_calendar_link(user, person) or user.role in EDITORS):
        raise NoAccess(
            subject_type="week.calendarfeed",
            subject_id=pk,
            person_id=pk,
            reason=f"No calendar links for a {_role_name(user)}",
        )
    return person


def get_feed_for_revoking(user: User, pk: int, feed_pk: int) -> CalendarFeed:
    """A link its owner, the person, or the person's editors may revoke."""
    person = get_feed_person_for_user(user, pk)
    feed = CalendarFeed.objects.filter(person=person, pk=feed_pk).first()
    may_revoke = feed is not None and (
        feed.owner_id == user.pk or person.user_id == user.pk or can_edit_person(user, person)
    )
    if feed is None or not may_revoke:
        raise NoAccess(
            subject_type="week.calendarfeed",
            subject_id=feed_pk,
            person_id=pk,
            reason="No such calendar link this user may revoke",
        )
    return feed


def get_active_feed(token: str) -> CalendarFeed:
    """The feed for a calendar app: by token only. Revoked, unknown, or its owner no longer
    allowed to see the person (deactivated, or the person said no): not found."""
    feed = (
        CalendarFeed.objects.select_related("person", "owner")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.owner.is_active:
        raise NoAccess(subject_type="week.calendarfeed", subject_id="?", reason="Unknown link")
    if not people_visible_to(feed.owner).filter(pk=feed.person_id).exists():
        raise NoAccess(
            subject_type="week.calendarfeed",
            subject_id=feed.pk,
            person_id=feed.person_id,
            reason="The link's owner may no longer see this person",
        )
    return feed
