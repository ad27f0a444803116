"""The demo's sign-in secrets: one shared password and fixed, re-issued two-factor codes.

These exist only so a newcomer can sign in to a demo database as any role. They are derived
from the email address, so `seed_demo` and `demo_logins` agree without storing anything.
"""

from __future__ import annotations

import hashlib

# 21 characters, not a common password and not like any demo name or email (tested).
DEMO_PASSWORD = "willowbrook-demo-2026"

BACKUP_CODES_PER_USER = 10
# The same alphabet as real backup codes: no look-alikes (0/o, 1/l/i).
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def demo_backup_codes(email: str) -> list[str]:
    """Ten 10-character codes for this demo user, the same on every seed run."""
    return [_derived_code(f"backup:{email.lower()}:{n}") for n in range(BACKUP_CODES_PER_USER)]


def demo_totp_key(email: str) -> str:
    """A 20-byte authenticator key (hex) for this demo user, so codes survive re-seeding."""
    return hashlib.sha256(f"directsupport-demo-totp:{email.lower()}".encode()).hexdigest()[:40]


def _derived_code(seed: str, length: int = 10) -> str:
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    letters = []
    for _ in range(length):
        number, index = divmod(number, len(_ALPHABET))
        letters.append(_ALPHABET[index])
    return "".join(letters)
