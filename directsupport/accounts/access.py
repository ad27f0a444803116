"""Who may manage users and roles: managers, within their own organisation only."""

from django.db.models import QuerySet

from directsupport.lib.denials import NoAccess

from .models import User
from .roles import Role


def can_manage_team(user: User) -> bool:
    return user.is_active and user.role == Role.MANAGER


def team_visible_to(user: User) -> QuerySet[User]:
    if not can_manage_team(user):
        raise NoAccess(subject_type="accounts.user", subject_id="*", reason="Not a manager")
    return User.objects.filter(organisation_id=user.organisation_id)


def get_team_member_for_user(user: User, pk: int) -> User:
    member = team_visible_to(user).filter(pk=pk).first()
    if member is None:
        raise NoAccess(subject_type="accounts.user", subject_id=pk, reason="User not in your team")
    return member
