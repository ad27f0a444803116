"""Hash-chain figures (issue 11): sealing the audit log and the ledger the first time, sealing a
busy minute's new rows, and ``verify_records`` over the 10,000-person data.

    .venv/bin/python bench/verify_records.py [--audit-rows 1000000] [--rebuild | --keep-data]

1. Copies the 10,000-person database (``var/bench/trust-scale.sqlite3``, about a million ledger
   entries; SQLite's online backup, so the original is only read) to its own file, or with
   ``--rebuild`` or without that file builds it (``bench/generate_scale.py`` and
   ``generate_scale_funds.py``), then migrates it. ``--keep-data`` re-uses the last run's file
   instead (its seals are removed first, in audit maintenance: it is the bench's own copy).
2. In a child process (Django reads its database from the environment): adds audit rows with
   bulk inserts until there are ``--audit-rows`` (as a year of page views would leave: who looked
   at which person's page, from where), seals every chain from scratch (time per chain, seals,
   bytes of row hashes), then adds a busy minute's 1,000 audit rows and seals them (the work of
   one run of the ``seal_records`` task).
3. In another child, so its peak memory is its own: ``verify_records`` over every chain (time
   per chain, rows per second, peak memory), which must find nothing wrong.
   Times are wall-clock and CPU seconds of the process: on a shared machine the CPU time is the
   steadier figure of the work itself.
4. Merges the figures into bench/results.json under "verify_records", keeping the other keys.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import machine_facts, write_results  # noqa: E402
from bench.run import _copy_sqlite, _django_env, _fresh_database, _generate, _manage, _tool  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SOURCE_DATABASE = BENCH_DIR / "trust-scale.sqlite3"
DATABASE = BENCH_DIR / "verify-records.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "verify_records"
BUSY_MINUTE_ROWS = 1_000
INSERT_BATCH = 5_000


def main() -> None:
    args = _arguments()
    if args.step == "seal":
        print(json.dumps(_seal(args.audit_rows)))
        return
    if args.step == "verify":
        print(json.dumps(_verify()))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(f"sqlite:///{DATABASE}")
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "verify-records")

    if args.keep_data and DATABASE.exists():
        source = "kept from the last run"
    elif SOURCE_DATABASE.exists() and not args.rebuild:
        _fresh_database(env["DATABASE_URL"])
        print(f"Copying {SOURCE_DATABASE} to {DATABASE} ...")
        _copy_sqlite(SOURCE_DATABASE, DATABASE)
        source = str(SOURCE_DATABASE.relative_to(ROOT))
    else:
        _fresh_database(env["DATABASE_URL"])
        print(f"Filling {DATABASE} with {args.people:,} people and their ISFs ...")
        _manage(python, env, "migrate", "--noinput", "-v0")
        _generate(python, env, "generate_scale", f"--people={args.people}")
        _generate(python, env, "generate_scale_funds", f"--months={args.months}")
        source = "generated"
    _manage(python, env, "migrate", "--noinput", "-v0")

    print(f"Adding audit rows up to {args.audit_rows:,} and sealing every chain ...")
    sealed = _child(python, env, "seal", args)
    print("Checking every chain (verify_records) ...")
    verified = _child(python, env, "verify", args)
    results = {
        "database": "sqlite",
        "data": source,
        **sealed,
        **verified,
        "load_average_1_5_15_min": [list(load_at_start), list(os.getloadavg())],
        "machine": machine_facts(),
    }
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--audit-rows", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=10_000, help="only when building the data")
    parser.add_argument("--months", type=int, default=7, help="only when building the data")
    parser.add_argument("--rebuild", action="store_true", help="build the data, do not copy it")
    parser.add_argument("--keep-data", action="store_true", help="re-use the last run's database")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--step", choices=["seal", "verify"], help=argparse.SUPPRESS)
    return parser.parse_args()


def _child(python: str, env: dict[str, str], step: str, args: argparse.Namespace) -> Any:
    child = subprocess.run(
        [python, str(Path(__file__)), "--step", step, f"--audit-rows={args.audit_rows}"],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _setup() -> None:
    import django

    django.setup()


def _peak_memory_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _add_audit_rows(wanted: int) -> dict[str, Any]:
    """Audit rows up to ``wanted``, like a year of page views: a member of staff looked at a
    person's page (one in ten changed something)."""
    import datetime as dt
    import random

    from directsupport.accounts.models import User
    from directsupport.audit.models import Action, AuditEvent
    from directsupport.people.models import Person

    present = AuditEvent.objects.count()
    staff = list(User.objects.values_list("pk", "email", "role", "organisation_id"))
    people = list(Person.objects.values_list("pk", flat=True))
    rng = random.Random(11)
    start = dt.datetime(2025, 12, 1, 8, tzinfo=dt.UTC)
    seconds_a_row = 365 * 24 * 3600 / max(1, wanted)
    started = time.perf_counter()
    for batch_start in range(present, wanted, INSERT_BATCH):
        rows = []
        for n in range(batch_start, min(wanted, batch_start + INSERT_BATCH)):
            actor_id, email, role, organisation_id = rng.choice(staff)
            person_id = rng.choice(people)
            changed = rng.random() < 0.1
            rows.append(
                AuditEvent(
                    at=start + dt.timedelta(seconds=n * seconds_a_row),
                    actor_id=actor_id,
                    actor_label=email,
                    actor_role=role,
                    organisation_id=organisation_id,
                    person_id=person_id,
                    subject_type="people.person",
                    subject_id=str(person_id),
                    action=Action.UPDATE if changed else Action.VIEW,
                    summary="Changed their phone number" if changed else "Looked at their page",
                    changes={"phone": {"from": "020 7946 0000", "to": "020 7946 0001"}}
                    if changed
                    else {},
                    ip_address=f"10.0.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                    path=f"/people/{person_id}/",
                )
            )
        AuditEvent.objects.bulk_create(rows)
    return {
        "audit_rows_in_data": present,
        "audit_rows_added": max(0, wanted - present),
        "audit_rows_added_seconds": round(time.perf_counter() - started, 1),
    }


def _seal(audit_rows: int) -> dict[str, Any]:
    _setup()
    from django.db.models import Count, Sum
    from django.db.models.functions import Length

    from directsupport.audit.chain import registered_chains, seal_chain
    from directsupport.audit.maintenance import audit_maintenance
    from directsupport.audit.models import AuditEvent, RecordSeal

    with audit_maintenance():
        RecordSeal.objects.all().delete()  # only with --keep-data: the last run's seals
    added = _add_audit_rows(audit_rows)
    first_time: dict[str, Any] = {}
    for chain in registered_chains():
        started, cpu_started = time.perf_counter(), time.process_time()
        rows = seal_chain(chain)
        seconds = time.perf_counter() - started
        first_time[chain.name] = {
            "rows": rows,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(time.process_time() - cpu_started, 1),
            "rows_per_second": round(rows / seconds) if seconds else None,
        }
    storage = RecordSeal.objects.aggregate(seals=Count("pk"), hash_bytes=Sum(Length("row_hashes")))

    added_minute = _add_audit_rows(AuditEvent.objects.count() + BUSY_MINUTE_ROWS)
    started = time.perf_counter()
    busy = sum(seal_chain(chain) for chain in registered_chains())
    return {
        **added,
        "seal_first_time": first_time,
        "seal_first_time_seconds": round(sum(c["seconds"] for c in first_time.values()), 1),
        "seal_first_time_cpu_seconds": round(sum(c["cpu_seconds"] for c in first_time.values()), 1),
        "seals": storage["seals"],
        "row_hash_megabytes": round((storage["hash_bytes"] or 0) / 1e6, 1),
        "seal_busy_minute": {
            "new_audit_rows": added_minute["audit_rows_added"],
            "rows_sealed": busy,
            "seconds": round(time.perf_counter() - started, 3),
        },
        "seal_peak_memory_mb": _peak_memory_mb(),
    }


def _verify() -> dict[str, Any]:
    _setup()
    from directsupport.audit.chain import registered_chains
    from directsupport.audit.chain_check import verify_chain

    chains: dict[str, Any] = {}
    for chain in registered_chains():
        started, cpu_started = time.perf_counter(), time.process_time()
        report = verify_chain(chain)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        if report.mismatch:
            raise SystemExit(f"verify_records found a mismatch in fresh data: {report.mismatch}")
        chains[chain.name] = {
            "rows": report.rows_checked,
            "seals": report.seals_checked,
            "unsealed": report.unsealed,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu_seconds, 1),
            "rows_per_second": round(report.rows_checked / seconds) if seconds else None,
        }
    return {
        "verify": chains,
        "verify_seconds": round(sum(c["seconds"] for c in chains.values()), 1),
        "verify_cpu_seconds": round(sum(c["cpu_seconds"] for c in chains.values()), 1),
        "verify_peak_memory_mb": _peak_memory_mb(),
    }


def _print(results: dict[str, Any]) -> None:
    print(
        f"Audit rows: {results['audit_rows_in_data']:,} in the data, "
        f"{results['audit_rows_added']:,} added in {results['audit_rows_added_seconds']} s."
    )
    for name, figures in results["seal_first_time"].items():
        print(
            f"Sealed {name}: {figures['rows']:,} rows in {figures['seconds']} s "
            f"({figures['cpu_seconds']} s CPU)."
        )
    print(
        f"Sealing everything the first time: {results['seal_first_time_seconds']} s "
        f"({results['seal_first_time_cpu_seconds']} s CPU), "
        f"{results['seals']:,} seals, {results['row_hash_megabytes']} MB of row hashes."
    )
    busy = results["seal_busy_minute"]
    print(f"A busy minute ({busy['new_audit_rows']:,} new rows) sealed in {busy['seconds']} s.")
    for name, figures in results["verify"].items():
        print(
            f"Verified {name}: {figures['rows']:,} rows in {figures['seals']:,} seals in "
            f"{figures['seconds']} s, {figures['cpu_seconds']} s CPU "
            f"({figures['rows_per_second']:,} rows/s)."
        )
    print(
        f"verify_records: {results['verify_seconds']} s ({results['verify_cpu_seconds']} s CPU), "
        f"peak memory "
        f"{results['verify_peak_memory_mb']} MB."
    )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
