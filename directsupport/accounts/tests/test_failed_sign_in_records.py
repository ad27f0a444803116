"""What a failed sign-in leaves behind (issue 11, point 6).

A password pasted into the email box must not be kept as text anywhere: not in the append-only
audit log, not in django-axes' records. A manager still sees failed sign-ins for a real
account by its email, and axes' records expire.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from directsupport.accounts.lockout import expire_sign_in_records, lockout_key
from directsupport.audit.models import Action, AuditEvent
from tests.factories import PASSWORD

SIGN_IN = "/account/sign-in/"
PASTED_PASSWORD = "Tr0ub4dor&3 pasted by mistake"


def _every_stored_text() -> str:
    """Everything the audit log and axes hold about sign-ins, as one string to search."""
    rows: list[str] = []
    for event in AuditEvent.objects.all():
        rows += [event.actor_label, event.summary, str(event.changes), event.path]
    for attempt in AccessAttempt.objects.all():
        rows += [attempt.username or "", attempt.get_data, attempt.post_data]
    for failure in AccessFailureLog.objects.all():
        rows.append(failure.username or "")
    for signed_in in AccessLog.objects.all():
        rows.append(signed_in.username or "")
    return "\n".join(rows)


def test_text_typed_as_an_unknown_email_is_kept_nowhere(client, db):
    for _ in range(2):
        client.post(SIGN_IN, {"username": PASTED_PASSWORD, "password": "anything at all"})
    stored = _every_stored_text()
    assert PASTED_PASSWORD.lower() not in stored.lower()
    assert "Tr0ub4dor" not in stored
    failed = list(AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED))
    assert len(failed) == 2
    # The same text tried twice gives the same reference, so repeats can still be spotted.
    assert failed[0].summary == failed[1].summary
    assert "no account" in failed[0].summary
    assert failed[0].organisation_id is None


def test_failed_sign_in_to_a_real_account_names_it_for_the_manager(client, coordinator, provider):
    client.post(SIGN_IN, {"username": coordinator.email.upper(), "password": PASTED_PASSWORD})
    failed = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert failed.summary == f"Wrong email or password for {coordinator.email}"
    assert failed.subject_type == "accounts.user"
    assert failed.subject_id == str(coordinator.pk)
    assert failed.organisation_id == provider.pk
    assert PASTED_PASSWORD not in _every_stored_text()


def test_locked_out_row_keeps_no_unknown_text(client, db):
    for _ in range(6):
        client.post(SIGN_IN, {"username": PASTED_PASSWORD, "password": "anything at all"})
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT).exists()
    assert "Tr0ub4dor" not in _every_stored_text()


def test_axes_keeps_the_email_only_as_a_keyed_hash(client, coordinator):
    client.post(SIGN_IN, {"username": f"  {coordinator.email.title()} ", "password": "nope nope"})
    attempt = AccessAttempt.objects.get()
    assert attempt.username == lockout_key(coordinator.email)
    assert coordinator.email not in attempt.username
    assert coordinator.email.lower() not in attempt.post_data.lower()


def test_the_keyed_hash_depends_on_the_secret_key(settings):
    first = lockout_key("dee@example.org")
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert lockout_key("dee@example.org") != first


def test_a_successful_sign_in_is_in_the_audit_log_not_axes_log(client, person_user, dee):
    assert client.post(SIGN_IN, {"username": person_user.email, "password": PASSWORD})
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, actor=person_user).exists()
    assert not AccessLog.objects.exists()


@pytest.fixture
def old_and_new_records(db) -> dt.datetime:
    now = timezone.now()
    for age in (dt.timedelta(minutes=5), dt.timedelta(hours=2)):
        attempt = AccessAttempt.objects.create(
            username=lockout_key(f"age-{age}@example.org"),
            ip_address="203.0.113.5",
            user_agent="test",
            failures_since_start=3,
        )
        # attempt_time is set on creation; move it back.
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - age)
    for age in (dt.timedelta(days=1), dt.timedelta(days=31)):
        failure = AccessFailureLog.objects.create(
            username=lockout_key("x@example.org"), ip_address="203.0.113.5", user_agent="test"
        )
        AccessFailureLog.objects.filter(pk=failure.pk).update(attempt_time=now - age)
        signed_in = AccessLog.objects.create(
            username="dee@example.org", ip_address="203.0.113.5", user_agent="test"
        )
        AccessLog.objects.filter(pk=signed_in.pk).update(attempt_time=now - age)
    return now


def test_old_sign_in_records_expire(old_and_new_records):
    removed = expire_sign_in_records(now=old_and_new_records)
    assert removed == {"attempts": 1, "failure_log": 1, "sign_in_log": 1}
    # What still counts towards a lockout (within 30 minutes) stays.
    assert AccessAttempt.objects.count() == 1
    assert AccessFailureLog.objects.count() == 1
    assert AccessLog.objects.count() == 1


def test_expire_command_says_what_it_removed(old_and_new_records, capsys):
    call_command("expire_sign_in_records")
    out = capsys.readouterr().out
    assert "Removed 1 expired failed sign-in records" in out
    assert AccessAttempt.objects.count() == 1
