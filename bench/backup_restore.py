"""Backup and restore drill figures (issue 11): ``manage.py backup`` then ``manage.py restore
--check`` of the 10,000-person database (about a million ledger entries), time and size.

    .venv/bin/python bench/backup_restore.py [--rebuild] [--no-seal]

1. Copies the 10,000-person database (``var/bench/trust-scale.sqlite3``; SQLite's online backup,
   so the original is only read) to its own file, or with ``--rebuild`` or without that file
   builds it (``bench/generate_scale.py`` and ``generate_scale_funds.py``), then migrates it.
2. Seals the audit log and the ledger (``manage.py seal_records``), as a live database would be,
   so the drill's ``verify_records`` walks real chains (``--no-seal`` skips this).
3. Times ``manage.py backup`` (the online backup, row counts of every table, every fund's
   balances, SHA-256) and ``manage.py restore --check`` (hash check, restore into a scratch
   file, row counts, balances and both hash chains compared), each in its own process.
4. Merges the figures into bench/results.json under "backup_restore", keeping the other keys.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import machine_facts, write_results  # noqa: E402
from bench.run import _copy_sqlite, _django_env, _fresh_database, _generate, _manage, _tool  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SOURCE_DATABASE = BENCH_DIR / "trust-scale.sqlite3"
DATABASE = BENCH_DIR / "backup-restore.sqlite3"
BACKUP_DIR = BENCH_DIR / "backup-restore-backup"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "backup_restore"


def main() -> None:
    args = _arguments()
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(f"sqlite:///{DATABASE}")
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "backup-restore")

    _fresh_database(env["DATABASE_URL"])
    shutil.rmtree(BACKUP_DIR, ignore_errors=True)
    if SOURCE_DATABASE.exists() and not args.rebuild:
        print(f"Copying {SOURCE_DATABASE} to {DATABASE} ...")
        _copy_sqlite(SOURCE_DATABASE, DATABASE)
        source = str(SOURCE_DATABASE.relative_to(ROOT))
    else:
        print(f"Filling {DATABASE} with {args.people:,} people and their ISFs ...")
        _manage(python, env, "migrate", "--noinput", "-v0")
        _generate(python, env, "generate_scale", f"--people={args.people}")
        _generate(python, env, "generate_scale_funds", f"--months={args.months}")
        source = "generated"
    _manage(python, env, "migrate", "--noinput", "-v0")
    sealing_seconds = None
    if not args.no_seal:
        print("Sealing the audit log and the ledger (seal_records) ...")
        sealing_seconds = _timed(python, env, "seal_records")[0]

    print(f"manage.py backup --to {BACKUP_DIR} ...")
    backup_seconds, backup_output = _timed(python, env, "backup", f"--to={BACKUP_DIR}")
    print(backup_output.strip())
    print("manage.py restore --check ...")
    check_seconds, check_output = _timed(python, env, "restore", "--check", str(BACKUP_DIR))
    print(check_output.strip())

    manifest = json.loads((BACKUP_DIR / "manifest.json").read_text())
    backup_bytes = sum(path.stat().st_size for path in BACKUP_DIR.iterdir())
    results = {
        "database": "sqlite",
        "data": source,
        "database_bytes": DATABASE.stat().st_size,
        "backup_bytes": backup_bytes,
        "tables": len(manifest["row_counts"]),
        "rows": sum(manifest["row_counts"].values()),
        "ledger_entries": manifest["row_counts"].get("funds_ledgerentry"),
        "audit_rows": manifest["row_counts"].get("audit_auditevent"),
        "funds": len(manifest["fund_balances"]),
        "sealing_seconds_before_the_drill": sealing_seconds,
        "backup_seconds": backup_seconds,
        "restore_check_seconds": check_seconds,
        "drill_seconds": round(backup_seconds + check_seconds, 1),
        "restore_check_report": check_output.strip().splitlines(),
        "load_average_1_5_15_min": [list(load_at_start), list(os.getloadavg())],
        "machine": machine_facts(),
    }
    write_results(args.results, results, key=RESULTS_KEY)
    print(
        f"\nBackup {backup_seconds:.1f} s ({backup_bytes / 1e6:,.0f} MB), restore --check "
        f"{check_seconds:.1f} s: {results['rows']:,} rows in {results['tables']} tables, "
        f"{results['funds']:,} funds."
    )
    shutil.rmtree(BACKUP_DIR, ignore_errors=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="only when building the data")
    parser.add_argument("--months", type=int, default=7, help="only when building the data")
    parser.add_argument("--rebuild", action="store_true", help="build the data, do not copy it")
    parser.add_argument("--no-seal", action="store_true", help="do not seal before the drill")
    parser.add_argument("--results", type=Path, default=RESULTS)
    return parser.parse_args()


def _timed(python: str, env: dict[str, str], *arguments: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [python, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return round(time.perf_counter() - started, 1), done.stdout


if __name__ == "__main__":
    main()
