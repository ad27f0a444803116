"""What `manage.py demo_logins` prints: how a newcomer signs in to the demo as each role."""

from __future__ import annotations

from collections.abc import Iterable

from django_otp.plugins.otp_static.models import StaticToken

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.models import CircleMember

from .credentials import DEMO_PASSWORD, demo_backup_codes
from .seeding import demo_emails

SITE_URL = "http://127.0.0.1:8000"

# The order a newcomer meets the roles in: the provider's staff, then the council and suppliers.
TWO_FACTOR_ROLE_ORDER = (
    Role.MANAGER,
    Role.COORDINATOR,
    Role.SUPPORT_WORKER,
    Role.MARKET_SHAPER,
    Role.FINANCE,
    Role.COMMISSIONER,
    Role.SUPPLIER,
)
PASSWORD_ONLY_ROLE_ORDER = (Role.PERSON, Role.CIRCLE, Role.EXPERT)


def unused_backup_code(user: User) -> str:
    """The first of the user's fixed demo codes not used yet, or "" when all are used."""
    left = set(
        StaticToken.objects.filter(device__user=user, device__confirmed=True).values_list(
            "token", flat=True
        )
    )
    return next((code for code in demo_backup_codes(user.email) if code in left), "")


def demo_login_lines(*, everyone: bool = False) -> list[str]:
    emails = demo_emails()
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    users = [found[email] for email in emails if email in found]
    if not users:
        return ["No demo users yet. Run: manage.py seed_demo"]

    lines = [
        "Direct Your Support: demo sign-ins",
        "==================================",
        f"Open {SITE_URL} and sign in with any email address below.",
        f"Every demo account has the same password:  {DEMO_PASSWORD}",
        "",
        "Staff, council and supplier accounts need two-factor. After the password, type the",
        "backup code shown here. Each code works once; `make run` (or manage.py seed_demo)",
        "restores them. Or run `manage.py demo_totp <email>` for the authenticator code.",
        "",
    ]
    two_factor = [u for u in users if u.needs_two_factor]
    if not everyone:
        two_factor = [
            next(u for u in two_factor if u.role == role)
            for role in TWO_FACTOR_ROLE_ORDER
            if any(u.role == role for u in two_factor)
        ]
    lines += _table(
        ("Role", "Name", "Email", "Backup code"),
        [
            (
                _role_label(user),
                user.full_name,
                user.email,
                unused_backup_code(user) or "none left: run manage.py seed_demo",
            )
            for user in two_factor
        ],
    )
    lines += [
        "",
        "People supported, circle members and experts by experience sign in with the password",
        "only (no two-factor):",
        "",
    ]
    no_two_factor = sorted(
        (u for u in users if not u.needs_two_factor),
        key=lambda u: PASSWORD_ONLY_ROLE_ORDER.index(u.role),
    )
    lines += _table(
        ("Role", "Name", "Email", "What they see"),
        [
            (user.get_role_display(), user.full_name, user.email, line)
            for user in no_two_factor
            for line in _what_they_see(user)
        ],
    )
    if not everyone:
        lines += ["", "Every demo account, with its own backup code: manage.py demo_logins --all"]
    return lines


def _role_label(user: User) -> str:
    label = user.get_role_display()
    if user.role == Role.MANAGER:
        return f"{label} (back office too)"
    if user.role == Role.SUPPLIER:
        return f"{label}: {user.organisation.name}"
    return label


def _what_they_see(user: User) -> Iterable[str]:
    if user.role == Role.PERSON:
        person = getattr(user, "person_record", None)
        if person is None:
            return ["nothing yet: no person record linked"]
        return [f"their own pages; format: {person.get_preferred_format_display().lower()}"]
    if user.role == Role.CIRCLE:
        memberships = CircleMember.objects.filter(user=user).select_related("person")
        return [
            f"{m.person.display_name}, as {m.relationship.removeprefix('my ')}: "
            + (
                "may see and contribute"
                if m.may_contribute
                else "may see"
                if m.may_see
                else "may NOT see anything"
            )
            for m in memberships
        ] or ["nobody yet"]
    if user.role == Role.EXPERT:
        return ["co-production panel: what they are invited to"]
    return [""]


def _table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    return [
        line(headings).rstrip(),
        line(tuple("-" * width for width in widths)).rstrip(),
        *(line(row).rstrip() for row in rows),
    ]
