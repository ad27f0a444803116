"""Who may manage users and roles, and who may use the back office.

Managers look after the users of their own organisation only; everyone else is told the pages
do not exist (404). The back office is for active managers marked as back-office staff, after
two-factor.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from directsupport.lib.denials import NoAccess

from .models import Organisation, User
from .roles import ROLES_BY_KIND, Role
from .two_factor import passed_two_factor


def can_manage_team(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def team_visible_to(user: User) -> QuerySet[User]:
    """Every user a manager may look after: their own organisation's. 404 for anyone else."""
    if not can_manage_team(user):
        raise NoAccess(subject_type="accounts.user", subject_id="*", reason="Not a manager")
    return User.objects.filter(organisation_id=user.organisation_id)


def get_team_member_for_user(user: User, pk: int, *, write: bool = False) -> User:
    """A user of the manager's organisation. Managers may change any of them, so ``write``
    asks nothing more than reading does; it is here so every caller reads the same way."""
    member = team_visible_to(user).select_related("organisation").filter(pk=pk).first()
    if member is None:
        raise NoAccess(subject_type="accounts.user", subject_id=pk, reason="User not in your team")
    return member


def roles_assignable_by(user: User) -> list[tuple[str, str]]:
    """The roles a manager may give, in the usual order: those allowed in their organisation."""
    return roles_allowed_in(user.organisation)


def roles_allowed_in(organisation: Organisation) -> list[tuple[str, str]]:
    allowed = ROLES_BY_KIND[organisation.kind]
    return [(value, label) for value, label in Role.choices if value in allowed]


def can_change_role_of(user: User, member: User) -> bool:
    """Nobody changes their own role or back-office access: another manager must do it."""
    return user.pk != member.pk


def can_deactivate(user: User, member: User) -> bool:
    """A manager cannot deactivate themselves (they would lock themselves out mid-task)."""
    return user.pk != member.pk


def can_use_back_office(user: User | AnonymousUser) -> bool:
    """An active, signed-in manager marked as back-office staff who has passed two-factor.

    Asked of whoever opens the back office, so an anonymous visitor too."""
    return (
        isinstance(user, User)
        and user.is_active
        and user.is_staff
        and user.role == Role.MANAGER
        and passed_two_factor(user)
    )
