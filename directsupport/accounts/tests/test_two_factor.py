"""Two-factor: setting up an authenticator app, codes, backup codes, and who may opt out."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from directsupport.accounts import two_factor
from tests.factories import PASSWORD


def _signed_in_password_only(user) -> Client:
    client = Client()
    response = client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_staff_without_an_app_are_asked_to_set_one_up(coordinator):
    client = _signed_in_password_only(coordinator)
    response = client.get("/account/two-factor/")
    assert response["Location"] == reverse("accounts:two_factor_setup")
    page = client.get("/account/two-factor/set-up/").content.decode()
    assert "data:image/svg+xml;base64," in page  # the QR code
    assert 'autocomplete="one-time-code"' in page
    assert "onpaste" not in page  # pasting a code is allowed


def test_setting_up_the_app_confirms_it_and_shows_backup_codes_once(coordinator):
    client = _signed_in_password_only(coordinator)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=coordinator)
    code = _current_code(device)
    response = client.post("/account/two-factor/set-up/", {"code": f"{code[:3]} {code[3:]}"})
    assert response["Location"] == reverse("accounts:backup_codes")
    device.refresh_from_db()
    assert device.confirmed
    page = client.get("/account/backup-codes/").content.decode()
    codes = list(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert len(codes) == two_factor.BACKUP_CODE_COUNT
    assert all(code in page for code in codes)
    # Shown once: a reload does not show them again.
    assert codes[0] not in client.get("/account/backup-codes/").content.decode()
    assert client.get("/people/").status_code == 200


def test_wrong_set_up_code_is_explained_and_nothing_confirmed(coordinator):
    client = _signed_in_password_only(coordinator)
    client.get("/account/two-factor/set-up/")
    response = client.post("/account/two-factor/set-up/", {"code": "12345"})
    assert "The code is 6 digits" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_app_code_lets_a_staff_user_in(coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client = _signed_in_password_only(coordinator)
    response = client.post("/account/two-factor/", {"code": _current_code(device)})
    assert response["Location"] == reverse("home")
    assert client.get("/people/").status_code == 200


def test_bad_code_gets_a_clear_message_and_no_entry(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client = _signed_in_password_only(coordinator)
    response = client.post("/account/two-factor/", {"code": "000000"})
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert client.get("/people/")["Location"] == reverse("accounts:two_factor")


def test_backup_code_works_once(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    two_factor.issue_backup_codes(coordinator, ["abcdefgh23", "zyxwvuts98"])
    client = _signed_in_password_only(coordinator)
    response = client.post("/account/two-factor/", {"code": "ABCD-EFGH23"}, follow=True)
    assert "You used a backup code. You have 1 left." in response.content.decode()
    second = _signed_in_password_only(coordinator)
    response = second.post("/account/two-factor/", {"code": "abcdefgh23"})
    assert "That code did not work" in response.content.decode()


def test_person_may_turn_two_factor_on_and_off(client_for, person_user, dee):
    client = client_for(person_user)
    response = client.post("/account/two-factor/choose/", {"two_factor": "on"})
    assert response["Location"] == reverse("accounts:two_factor_setup")
    person_user.refresh_from_db()
    assert person_user.wants_two_factor
    client.post("/account/two-factor/choose/", {"two_factor": "off"})
    person_user.refresh_from_db()
    assert not person_user.wants_two_factor
    assert not TOTPDevice.objects.filter(user=person_user).exists()


def test_staff_cannot_turn_two_factor_off(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post("/account/two-factor/choose/", {"two_factor": "off"}, follow=True)
    assert "required for your role" in response.content.decode()


def test_using_a_backup_code_does_not_slow_down_the_app(coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    two_factor.issue_backup_codes(coordinator, ["abcdefgh23", "zyxwvuts98", "qrstuvwx45"])
    for code in ["abcdefgh23", "zyxwvuts98", "qrstuvwx45"]:
        _signed_in_password_only(coordinator).post("/account/two-factor/", {"code": code})
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    client = _signed_in_password_only(coordinator)
    response = client.post("/account/two-factor/", {"code": _current_code(device)})
    assert response["Location"] == reverse("home")
