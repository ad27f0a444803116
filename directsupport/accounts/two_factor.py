"""Two-factor devices: an authenticator app (TOTP) and single-use backup codes, via django-otp."""

from __future__ import annotations

import base64
import secrets
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def passed_two_factor(user: User) -> bool:
    """Whether the signed-in user has entered a code (or set up the app) in this session.

    django-otp's OTPMiddleware puts the device it verified on ``request.user`` as ``otp_device``
    (and an ``is_verified()`` that reads it); the model does not declare either, so they are read
    here, once, rather than typed as ``Any`` at every use."""
    return getattr(user, "otp_device", None) is not None


def has_app(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created once so a reload shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for people who type it instead of scanning."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The set-up QR code as an SVG data URI (no file written, allowed by our CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@transaction.atomic
def confirm_app_device(device: TOTPDevice) -> list[str]:
    """Confirm the app, remove any older one, and issue fresh backup codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_backup_codes(device.user)


@transaction.atomic
def issue_backup_codes(user: User, codes: list[str] | None = None) -> list[str]:
    """Replace the user's backup codes; returns them so they can be shown once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = codes or [_new_code() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_two_factor(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _new_code() -> str:
    # 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i).
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def verify_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts this code, asking only the device the code is meant for.

    Six digits are an authenticator code; anything else is a backup code. Trying every device
    (django_otp.match_token) would count a backup code as a failed app code and slow the app
    down for the user's next sign-ins, and the other way round.
    """
    if code.isdigit() and len(code) == 6:
        devices: list[TOTPDevice | StaticDevice] = list(
            TOTPDevice.objects.filter(user=user, confirmed=True)
        )
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None
