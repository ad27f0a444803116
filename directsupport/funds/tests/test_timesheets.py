"""Importing a supplier's CSV timesheet: the whole file, or nothing with every problem by line."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directsupport.funds.hours.timesheets import MAX_BYTES, import_timesheet
from directsupport.funds.models import (
    LedgerTransaction,
    SessionSource,
    SupportSession,
    TimesheetImport,
)

from .conftest import new_key

pytestmark = pytest.mark.django_db

HEADER = "person_reference,date,start,hours,support_kind,worker,hourly_rate\n"
GOOD = (
    HEADER
    + "ISF-0001,14/04/2026,10:00,3,community_access,Amy Jones,20.00\n"
    + "ISF-0001,2026-04-15,09:30,2.5,personal_care,Amy Jones,20.00\n"
)


@pytest.fixture
def funded(dee_fund, allocate):
    allocate(dee_fund, 100_000)
    return dee_fund


def run(provider, finance, text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return import_timesheet(
        provider=provider, supplier_name="Bright Days CIC", file=io.BytesIO(raw), actor=finance
    )


def nothing_saved() -> bool:
    return (
        SupportSession.objects.count() == 0
        and TimesheetImport.objects.count() == 0
        and LedgerTransaction.objects.filter(kind="delivered_support").count() == 0
    )


def test_a_good_file_is_imported_whole(funded, provider, finance):
    result = run(provider, finance, GOOD)
    assert result.problems == []
    imported = result.imported
    assert (imported.sessions_count, imported.total_minutes, imported.total_pence) == (
        2,
        330,
        11_000,
    )
    sessions = list(SupportSession.objects.order_by("delivered_on"))
    assert [s.minutes for s in sessions] == [180, 150]
    assert all(s.source == SessionSource.IMPORTED and s.timesheet == imported for s in sessions)
    assert sessions[0].transaction.idempotency_key == f"timesheet:{imported.sha256}:2"
    assert sessions[0].supplier_name == "Bright Days CIC"


def test_a_utf8_file_with_a_bom_is_fine(funded, provider, finance):
    assert run(provider, finance, "\ufeff" + GOOD).imported is not None


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "ISF-0001,31/02/2026,10:00,3,community_access,Amy,20.00",
            "Line 3: the date 31/02/2026 is not a real date",
        ),
        (
            "ISF-0001,tomorrow,10:00,3,community_access,Amy,20.00",
            "Line 3: 'tomorrow' is not a date",
        ),
        (
            "ISF-0001,01/01/2099,10:00,3,community_access,Amy,20.00",
            "Line 3: the date 01/01/2099 is in the future",
        ),
        (
            "ISF-0001,31/03/2026,10:00,3,community_access,Amy,20.00",
            "Line 3: the date 31/03/2026 is before ISF-0001's agreement started",
        ),
        (
            "ISF-9999,14/04/2026,11:00,3,community_access,Amy,20.00",
            "Line 3: no one supported by Willowbrook Support has the reference 'ISF-9999'",
        ),
        (
            "ISF-0001,16/04/2026,10:00,-3,community_access,Amy,20.00",
            "Line 3: the hours must be more than 0 (it says -3)",
        ),
        (
            "ISF-0001,16/04/2026,10:00,0,community_access,Amy,20.00",
            "Line 3: the hours must be more than 0",
        ),
        (
            "ISF-0001,16/04/2026,10:00,25,community_access,Amy,20.00",
            "Line 3: the hours must be no more than 24",
        ),
        (
            "ISF-0001,16/04/2026,10:00,lots,community_access,Amy,20.00",
            "Line 3: the hours 'lots' is not a number",
        ),
        (
            "ISF-0001,16/04/2026,25:00,3,community_access,Amy,20.00",
            "Line 3: the start '25:00' is not a time",
        ),
        (
            "ISF-0001,16/04/2026,10:00,3,gardening,Amy,20.00",
            "Line 3: 'gardening' is not a kind of support",
        ),
        (
            "ISF-0001,16/04/2026,10:00,3,community_access,Amy,twenty",
            "Line 3: the hourly rate 'twenty'",
        ),
        (
            "ISF-0001,16/04/2026,10:00,3,community_access,Amy,0",
            "Line 3: the hourly rate must be more than £0.00",
        ),
        (
            "ISF-0001,14/04/2026,10:00,1,community_access,Amy,20.00",
            "Line 3: the same session as line 2 (same person, date and start time)",
        ),
        ("ISF-0001,16/04/2026,10:00,3", "Line 3: it should have 7 values"),
    ],
)
def test_a_bad_line_refuses_the_whole_file(line, problem, funded, provider, finance):
    text = HEADER + "ISF-0001,14/04/2026,10:00,3,community_access,Amy,20.00\n" + line + "\n"
    result = run(provider, finance, text)
    assert result.imported is None
    assert any(p.startswith(problem) for p in result.problems), result.problems
    assert nothing_saved()


def test_every_problem_is_listed_by_line(funded, provider, finance):
    text = (
        HEADER
        + "ISF-0001,31/02/2026,10:00,3,community_access,Amy,20.00\n"
        + "ISF-0001,14/04/2026,10:00,-1,community_access,Amy,20.00\n"
        + "ISF-0042,14/04/2026,10:00,1,community_access,Amy,20.00\n"
    )
    result = run(provider, finance, text)
    assert [p.split(":")[0] for p in result.problems] == ["Line 2", "Line 3", "Line 4"]
    assert nothing_saved()


def test_a_person_of_another_provider_is_unknown(funded, provider, other_provider, finance):
    result = run(other_provider, finance, GOOD)
    assert (
        "Line 2: no one supported by Other Care Ltd has the reference 'ISF-0001'" in result.problems
    )
    assert nothing_saved()


def test_a_session_already_recorded_refuses_the_file(funded, provider, finance):
    import datetime as dt

    from directsupport.funds.hours.services import record_session

    record_session(
        fund=funded,
        delivered_on=dt.date(2026, 4, 14),
        starts_at=dt.time(10),
        minutes=60,
        support_kind="community_access",
        supplier_name="Bright Days CIC",
        worker_name="",
        hourly_rate_pence=2000,
        notes="",
        idempotency_key=new_key(),
        actor=finance,
    )
    result = run(provider, finance, GOOD)
    assert result.problems == [
        "Line 2: this session (ISF-0001, 14 April 2026 at 10:00) is already recorded"
    ]
    assert SupportSession.objects.count() == 1


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_a_file_not_in_utf8_is_refused(encoding, funded, provider, finance):
    raw = (GOOD.replace("20.00", "£20.00")).encode(encoding)
    result = run(provider, finance, raw)
    assert result.problems[0].startswith("The file is not in UTF-8")
    assert "Save it as 'CSV UTF-8'" in result.problems[0]
    assert nothing_saved()


def test_missing_and_unknown_columns_are_named(funded, provider, finance):
    result = run(provider, finance, "person_reference,date,start,hours,kind\n")
    assert result.problems == [
        "Line 1: these columns are missing: support_kind, worker, hourly_rate.",
        "Line 1: these columns are not known: kind. The columns are person_reference, date, "
        "start, hours, support_kind, worker, hourly_rate.",
    ]


def test_a_fund_that_cannot_afford_the_sessions_refuses_the_file(
    dee_fund, allocate, provider, finance
):
    allocate(dee_fund, 7_000)  # £70.00: the first session (£60.00) fits, the second does not
    result = run(provider, finance, GOOD)
    assert result.problems == [
        "Line 3: ISF-0001 cannot afford this session: its sessions in the file up to here cost "
        "£110.00 and it has £70.00 to spend (with any approved overdraft)"
    ]
    assert nothing_saved()


def test_the_same_file_twice_is_refused(funded, provider, finance):
    run(provider, finance, GOOD)
    again = run(provider, finance, GOOD)
    assert again.imported is None
    assert again.problems[0].startswith("This file was already imported on")
    assert SupportSession.objects.count() == 2


def test_a_file_too_large_is_refused(funded, provider, finance):
    result = run(provider, finance, GOOD + "#" * MAX_BYTES)
    assert result.problems == ["The file is larger than 1 MB: split it."]
    assert nothing_saved()


def test_a_refusal_while_posting_rolls_back_every_line(funded, provider, finance, monkeypatch):
    from directsupport.funds.hours import timesheets
    from directsupport.funds.hours.services import SessionRefused

    real = timesheets.record_session
    calls = []

    def fail_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise SessionRefused("Something went wrong.")
        return real(**kwargs)

    monkeypatch.setattr(timesheets, "record_session", fail_on_the_second)
    result = run(provider, finance, GOOD)
    assert result.problems == ["Line 3: Something went wrong. Nothing was imported."]
    assert nothing_saved()


# --- The pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["finance", "manager"])
def test_finance_and_managers_may_import(who, request, funded, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("funds:timesheets")).status_code == 200
    assert client.get(reverse("funds:timesheet_import")).status_code == 200
    upload = SimpleUploadedFile("april.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(
        reverse("funds:timesheet_import"), {"supplier_name": "Bright Days CIC", "file": upload}
    )
    imported = TimesheetImport.objects.get()
    assert response.url == reverse("funds:timesheet", args=[imported.pk])
    detail = client.get(response.url)
    assert detail.status_code == 200
    assert "Amy Jones" in detail.text and "£60.00" in detail.text


@pytest.mark.parametrize(
    "who",
    [
        "coordinator",
        "worker",
        "person_user",
        "commissioner",
        "supplier",
        "outsider",
        "market_shaper",
    ],
)
def test_others_may_not_import(who, request, funded, provider, finance, client_for):
    imported = run(provider, finance, GOOD).imported
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("funds:timesheets")).status_code == 404
    assert client.get(reverse("funds:timesheet_import")).status_code == 404
    assert client.get(reverse("funds:timesheet", args=[imported.pk])).status_code == 404


def test_another_providers_timesheet_is_not_found(
    funded, provider, other_provider, finance, client_for
):
    from directsupport.funds.models import TimesheetImport

    theirs = TimesheetImport.objects.create(
        provider=other_provider,
        supplier_name="Someone",
        file_name="x.csv",
        sha256="0" * 64,
        sessions_count=0,
        total_minutes=0,
        total_pence=0,
    )
    assert client_for(finance).get(reverse("funds:timesheet", args=[theirs.pk])).status_code == 404


def test_the_upload_page_lists_the_problems_and_keeps_the_supplier(funded, finance, client_for):
    text = HEADER + "ISF-0001,31/02/2026,10:00,-3,community_access,Amy,20.00\n"
    upload = SimpleUploadedFile("april.csv", text.encode(), content_type="text/csv")
    response = client_for(finance).post(
        reverse("funds:timesheet_import"), {"supplier_name": "Bright Days CIC", "file": upload}
    )
    assert response.status_code == 200
    assert "Line 2: the date 31/02/2026 is not a real date" in response.text
    assert "Line 2: the hours must be more than 0 (it says -3)" in response.text
    assert 'value="Bright Days CIC"' in response.text
    assert nothing_saved()
