"""What a backup promises about its data, worked out from one consistent view of a database: the
row count of every table, which migrations had run, and every ISF fund's balances (summed by
funds/ledger/balances.py, the product's own rule). The manifest records this at backup time; the
restore drill works it out again from the restored copy and compares."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from django.db import connections
from django.db.utils import load_backend

from directsupport.funds.ledger.balances import account_totals, balances_from_totals
from directsupport.funds.models import Fund


def row_counts(using: str) -> dict[str, int]:
    connection = connections[using]
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(using: str) -> list[str]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def fund_balances(using: str) -> dict[str, dict[str, int]]:
    """Every fund's balances, keyed by the fund's id as text (JSON keys are text)."""
    fund_ids = list(Fund.objects.using(using).order_by("pk").values_list("pk", flat=True))
    totals = account_totals(fund_ids, using=using)
    return {
        str(fund_id): asdict(balances_from_totals(totals.get(fund_id, {}))) for fund_id in fund_ids
    }


def snapshot(using: str) -> dict[str, Any]:
    return {
        "row_counts": row_counts(using),
        "migrations": applied_migrations(using),
        "fund_balances": fund_balances(using),
    }


def differences(expected: dict[str, Any], found: dict[str, Any], *, limit: int = 5) -> list[str]:
    """What differs between two snapshots, in plain words (empty when they agree)."""
    problems: list[str] = []
    want, got = expected["row_counts"], found["row_counts"]
    for table in sorted(set(want) | set(got)):
        if table not in got:
            problems.append(f"table {table} is missing")
        elif table not in want:
            problems.append(f"table {table} is not in the backup's manifest")
        elif want[table] != got[table]:
            problems.append(f"{table} has {got[table]:,} rows, the backup had {want[table]:,}")
    if expected["migrations"] != found["migrations"]:
        missing = sorted(set(expected["migrations"]) - set(found["migrations"]))
        extra = sorted(set(found["migrations"]) - set(expected["migrations"]))
        problems.append(f"migrations differ (missing {missing[:3]}, extra {extra[:3]})")
    want_funds, got_funds = expected["fund_balances"], found["fund_balances"]
    changed = [
        fund
        for fund in sorted(set(want_funds) | set(got_funds), key=int)
        if want_funds.get(fund) != got_funds.get(fund)
    ]
    problems.extend(
        f"fund {fund}'s balances are {got_funds.get(fund)}, the backup had {want_funds.get(fund)}"
        for fund in changed[:limit]
    )
    if len(changed) > limit:
        problems.append(f"and {len(changed) - limit} more funds' balances differ")
    return problems


@contextmanager
def database_alias(based_on: str, **changes: Any) -> Iterator[str]:
    """A temporary connection alias: ``based_on``'s settings with ``changes`` (such as another
    NAME), so the ORM and management commands can read a restored copy."""
    alias = f"restore_check_{secrets.token_hex(4)}"
    settings_dict = copy.deepcopy(connections[based_on].settings_dict)
    settings_dict.update(changes)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": None}
    # A connection made here rather than added to settings.DATABASES: it is this thread's only,
    # and nothing else (routers, checks, the test runner's list of databases) ever sees it.
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]
