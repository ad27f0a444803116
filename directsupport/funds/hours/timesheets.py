"""Importing a supplier's CSV timesheet: the whole file or nothing.

The file is checked whole first (encoding, columns, every line, duplicates, sessions already
recorded, whether each fund can afford its sessions) and every problem is listed with its line
number. Only a file with no problems is imported, in one database transaction: each line goes
through ``record_session`` (source IMPORTED, idempotency key from the file's hash and the line),
and anything refused while posting rolls the whole file back.

Columns: person_reference (the fund's reference, like ISF-0042), date (DD/MM/YYYY or
YYYY-MM-DD), start (HH:MM), hours (a decimal, like 2.5), support_kind, worker, hourly_rate
(pounds). Line 1 is the header, so the first session is line 2.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.money import format_pence, parse_pounds
from directsupport.week.models import SupportKind

from ..ledger.balances import account_totals
from ..ledger.posting import PostingRefused, overdraft_limit_pence, would_overdraw
from ..models import (
    Account,
    Fund,
    SessionSource,
    SupportSession,
    TimesheetImport,
)
from .services import (
    MINUTES_IN_DAY,
    first_agreement_starts,
    record_session,
    session_cost_pence,
)

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ("person_reference", "date", "start", "hours", "support_kind", "worker", "hourly_rate")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class TimesheetLine:
    line: int
    fund: Fund
    delivered_on: dt.date
    starts_at: dt.time
    minutes: int
    support_kind: str
    worker_name: str
    hourly_rate_pence: int

    @property
    def cost_pence(self) -> int:
        return session_cost_pence(self.minutes, self.hourly_rate_pence)


@dataclass
class ImportResult:
    imported: TimesheetImport | None = None
    problems: list[str] = field(default_factory=list)


def parse_date(text: str) -> dt.date | str | None:
    """A date, or a problem in words, or None when it is not written as a date at all."""
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"the date {text} is not a real date"


def parse_time(text: str) -> dt.time | None:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def parse_kind(text: str) -> str | None:
    wanted = text.strip().casefold().replace(" ", "_").replace("-", "_")
    for kind in SupportKind:
        if wanted in (kind.value, kind.label.casefold().replace(" ", "_")):
            return kind.value
    return None


def _decode(raw: bytes) -> str | None:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # UTF-16 text of plain letters is valid UTF-8 byte for byte, with a nul between letters.
    return None if "\x00" in text else text


class _Checker:
    """Reads and checks every line, collecting problems; no writes."""

    def __init__(self, *, provider: Organisation, supplier_name: str) -> None:
        self.provider = provider
        self.supplier_name = supplier_name.strip()
        self.problems: list[str] = []
        self.lines: list[TimesheetLine] = []
        self.today = timezone.localdate()

    def problem(self, line: int, words: str) -> None:
        self.problems.append(f"Line {line}: {words}")

    def check(self, text: str) -> None:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip().casefold() for name in (reader.fieldnames or [])]
        if not header:
            self.problems.append(
                "The file is empty: it needs a header line, then one line for each session."
            )
            return
        missing = [name for name in COLUMNS if name not in header]
        unknown = [name for name in header if name not in COLUMNS]
        if missing:
            self.problems.append(f"Line 1: these columns are missing: {', '.join(missing)}.")
        if unknown:
            self.problems.append(
                f"Line 1: these columns are not known: {', '.join(unknown)}. "
                f"The columns are {', '.join(COLUMNS)}."
            )
        if missing or unknown:
            return
        reader.fieldnames = header
        rows: list[tuple[int, dict[str, Any]]] = []
        for row in reader:
            if len(rows) >= MAX_ROWS:
                self.problems.append(
                    f"The file has more than {MAX_ROWS} sessions: split it into smaller files."
                )
                return
            rows.append((reader.line_num, row))
        if not rows:
            self.problems.append("The file has a header line but no sessions.")
            return
        references = {str(row.get("person_reference") or "").strip().upper() for _, row in rows}
        funds = {
            fund.reference.upper(): fund
            for fund in Fund.objects.filter(
                provider=self.provider, reference__in=references
            ).select_related("person", "provider")
        }
        starts = first_agreement_starts(fund.pk for fund in funds.values())
        for line, row in rows:
            self.check_row(line, row, funds, starts)
        self.check_repeats()
        if not self.problems:
            self.check_money()

    def check_row(
        self, line: int, row: dict[str, Any], funds: dict[str, Fund], starts: dict[int, dt.date]
    ) -> None:
        if None in row or any(row.get(name) is None for name in COLUMNS):
            self.problem(line, f"it should have {len(COLUMNS)} values, separated by commas")
            return
        values = {name: str(row[name]).strip() for name in COLUMNS}
        count_before = len(self.problems)
        fund = funds.get(values["person_reference"].upper())
        if fund is None:
            self.problem(
                line,
                f"no one supported by {self.provider.name} has the reference "
                f"'{values['person_reference']}'",
            )
        day = parse_date(values["date"])
        if day is None:
            self.problem(line, f"'{values['date']}' is not a date: write it like 31/01/2026")
        elif isinstance(day, str):
            self.problem(line, day)
        elif day > self.today:
            self.problem(line, f"the date {values['date']} is in the future")
        elif fund is not None and (fund.pk not in starts or day < starts[fund.pk]):
            self.problem(
                line,
                f"the date {values['date']} is before {fund.reference}'s agreement started",
            )
        starts_at = parse_time(values["start"])
        if starts_at is None:
            self.problem(line, f"the start '{values['start']}' is not a time: write it like 09:30")
        minutes = self.minutes(line, values["hours"])
        kind = parse_kind(values["support_kind"])
        if kind is None:
            self.problem(
                line,
                f"'{values['support_kind']}' is not a kind of support: use one of "
                f"{', '.join(SupportKind.values)}",
            )
        if len(values["worker"]) > 150:
            self.problem(line, "the worker's name is longer than 150 letters")
        rate: int | None = None
        try:
            rate = parse_pounds(values["hourly_rate"])
        except ValueError as error:
            self.problem(line, f"the hourly rate '{values['hourly_rate']}': {error}")
        if rate == 0:
            self.problem(line, "the hourly rate must be more than £0.00")
        if (
            len(self.problems) == count_before
            and fund is not None
            and isinstance(day, dt.date)
            and starts_at is not None
            and minutes is not None
            and kind is not None
            and rate is not None
        ):
            self.lines.append(
                TimesheetLine(line, fund, day, starts_at, minutes, kind, values["worker"], rate)
            )

    def minutes(self, line: int, text: str) -> int | None:
        try:
            hours = Decimal(text)
        except InvalidOperation:
            self.problem(line, f"the hours '{text}' is not a number: write it like 2.5")
            return None
        if not hours.is_finite() or hours <= 0:
            self.problem(line, f"the hours must be more than 0 (it says {text})")
            return None
        if hours * 60 > MINUTES_IN_DAY:
            self.problem(line, f"the hours must be no more than 24 (it says {text})")
            return None
        minutes = hours * 60
        if minutes != minutes.to_integral_value():
            self.problem(line, f"the hours {text} is not a whole number of minutes")
            return None
        return int(minutes)

    def check_repeats(self) -> None:
        seen: dict[tuple[int, dt.date, dt.time], int] = {}
        for item in self.lines:
            key = (item.fund.pk, item.delivered_on, item.starts_at)
            if key in seen:
                self.problem(
                    item.line,
                    f"the same session as line {seen[key]} (same person, date and start time)",
                )
            else:
                seen[key] = item.line
        recorded = set(
            SupportSession.objects.filter(
                fund__in={item.fund.pk for item in self.lines},
                supplier_name=self.supplier_name,
                delivered_on__in={item.delivered_on for item in self.lines},
            ).values_list("fund_id", "delivered_on", "starts_at")
        )
        for item in self.lines:
            if (item.fund.pk, item.delivered_on, item.starts_at) in recorded:
                self.problem(
                    item.line,
                    f"this session ({item.fund.reference}, {item.delivered_on:%-d %B %Y} at "
                    f"{item.starts_at:%H:%M}) is already recorded",
                )
        self.problems.sort(key=_line_order)

    def check_money(self) -> None:
        totals = account_totals({item.fund.pk for item in self.lines})
        spent: dict[int, int] = {}
        refused: set[int] = set()
        for item in self.lines:
            fund = item.fund
            spent[fund.pk] = spent.get(fund.pk, 0) + item.cost_pence
            if fund.pk in refused:
                continue
            available = totals.get(fund.pk, {}).get(Account.AVAILABLE, 0)
            limit = overdraft_limit_pence(fund)
            if would_overdraw(available_pence=available - spent[fund.pk], limit_pence=limit):
                refused.add(fund.pk)
                self.problem(
                    item.line,
                    f"{fund.reference} cannot afford this session: its sessions in the file "
                    f"up to here cost {format_pence(spent[fund.pk])} and it has "
                    f"{format_pence(available + limit)} to spend (with any approved overdraft)",
                )


def _line_order(problem: str) -> int:
    match = re.match(r"Line (\d+):", problem)
    return int(match[1]) if match else 0


def read_upload(file: IO[bytes]) -> bytes | None:
    """The file's bytes, or None when it is larger than MAX_BYTES."""
    raw = file.read(MAX_BYTES + 1)
    return None if len(raw) > MAX_BYTES else raw


def import_timesheet(
    *,
    provider: Organisation,
    supplier_name: str,
    file: IO[bytes],
    actor: Any,
    request: HttpRequest | None = None,
    file_name: str = "",
) -> ImportResult:
    """Check the whole file, then import it all or nothing (see the module docstring)."""
    if not supplier_name.strip():
        return ImportResult(problems=["Say who sent the timesheet."])
    raw = read_upload(file)
    if raw is None:
        return ImportResult(
            problems=[f"The file is larger than {MAX_BYTES // 1024 // 1024} MB: split it."]
        )
    sha256 = hashlib.sha256(raw).hexdigest()
    earlier = TimesheetImport.objects.filter(sha256=sha256).first()
    if earlier is not None:
        return ImportResult(
            problems=[
                f"This file was already imported on "
                f"{timezone.localtime(earlier.imported_at):%-d %B %Y at %H:%M}. "
                "Nothing was imported again."
            ]
        )
    text = _decode(raw)
    if text is None:
        return ImportResult(
            problems=[
                "The file is not in UTF-8, so it cannot be read safely (a £ sign or an accent "
                "would come out wrong). Save it as 'CSV UTF-8' and try again."
            ]
        )
    checker = _Checker(provider=provider, supplier_name=supplier_name)
    checker.check(text)
    if checker.problems:
        return ImportResult(problems=checker.problems)
    return _import(checker, sha256=sha256, file_name=file_name, actor=actor, request=request)


def _import(
    checker: _Checker, *, sha256: str, file_name: str, actor: Any, request: HttpRequest | None
) -> ImportResult:
    lines = checker.lines
    current = 0
    try:
        with transaction.atomic():
            imported = TimesheetImport.objects.create(
                provider=checker.provider,
                supplier_name=checker.supplier_name,
                file_name=(file_name or "timesheet.csv")[:200],
                sha256=sha256,
                sessions_count=len(lines),
                total_minutes=sum(item.minutes for item in lines),
                total_pence=sum(item.cost_pence for item in lines),
                imported_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            for item in lines:
                current = item.line
                record_session(
                    fund=item.fund,
                    delivered_on=item.delivered_on,
                    starts_at=item.starts_at,
                    minutes=item.minutes,
                    support_kind=item.support_kind,
                    supplier_name=checker.supplier_name,
                    worker_name=item.worker_name,
                    hourly_rate_pence=item.hourly_rate_pence,
                    notes=f"From {checker.supplier_name}'s timesheet, line {item.line}",
                    idempotency_key=f"timesheet:{sha256}:{item.line}",
                    actor=actor,
                    request=request,
                    source=SessionSource.IMPORTED,
                    timesheet=imported,
                )
            record_change(
                request,
                actor=actor,
                action=Action.CREATE,
                subject=imported,
                summary=(f"Timesheet from {checker.supplier_name} imported: {len(lines)} sessions"),
            )
    except PostingRefused as refused:
        return ImportResult(problems=[f"Line {current}: {refused} Nothing was imported."])
    except IntegrityError:
        return ImportResult(
            problems=[
                "This file was imported by someone else just now. Nothing was imported again."
            ]
        )
    return ImportResult(imported=imported)
