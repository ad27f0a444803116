"""Individual Service Fund figures (issue 5): monthly statements, the council's reconciliation,
and the statement page under load.

    .venv/bin/python bench/funds.py [--people 10000] [--months 7] [--requests 100]

1. Makes a throwaway SQLite database in var/bench/ with ``--people`` people
   (``bench/generate_scale.py``), then an ISF for each with ``--months`` months of ledger
   history (``bench/generate_scale_funds.py``: about a million entries for 10,000 funds).
2. In a child process (Django reads its database from the environment): makes every fund's
   statement for the last complete month with ``funds.statements.services.make_statements`` —
   total time and time per statement — then the council's reconciliation report for that month
   as the page's rows, CSV and XLSX, each timed, with the check that it ties to the ledger.
3. Starts gunicorn, signs 8 clients in as the bench coordinator through the real sign-in and
   two-factor pages, warms up, then asks for random people's statement page
   (/funds/people/<id>/statements/<month>/): client latency and the server time Django reports
   in its Server-Timing header (target: p95 under 50 ms).
4. Merges the figures into bench/results.json under "funds", keeping the other keys.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Endpoint  # noqa: E402
from bench.report import machine_facts, write_results  # noqa: E402
from bench.run import _django_env, _fresh_database, _generate, _manage, _tool  # noqa: E402
from bench.week import page_under_load  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
SCALE_DATABASE = BENCH_DIR / "funds-scale.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "funds"
PAGE_TARGET_P95_MS = 50.0
PAGE_PEOPLE = 500


def main() -> None:
    args = _arguments()
    if args.measure:
        print(json.dumps(_measure()))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(f"sqlite:///{SCALE_DATABASE}")
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "funds-scale")

    print(f"Filling {SCALE_DATABASE} with {args.people:,} people and their ISFs ...")
    _fresh_database(env["DATABASE_URL"])
    _manage(python, env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    _generate(python, env, "generate_scale", f"--people={args.people}")
    _generate(python, env, "generate_scale_funds", f"--months={args.months}")
    generate_seconds = time.perf_counter() - started

    print("Making the month's statements and the reconciliation report ...")
    child = subprocess.run(
        [python, str(Path(__file__)), "--measure"],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    measured = dict(json.loads(child.stdout.strip().splitlines()[-1]))
    person_ids = measured.pop("person_ids")
    month = measured["statements"]["month"]
    random.Random(5).shuffle(person_ids)
    endpoint = Endpoint(
        "statement_page",
        f"GET /funds/people/<id>/statements/{month}/, random among {len(person_ids):,} people",
        [f"/funds/people/{pk}/statements/{month}/" for pk in person_ids],
    )
    page = page_under_load(env, endpoint, args, target_p95_ms=PAGE_TARGET_P95_MS)

    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_facts(),
        "load_average_1_5_15_min": {
            "at_start": [round(x, 2) for x in load_at_start],
            "at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "scale_generate_seconds": round(generate_seconds, 1),
        **measured,
        "statement_page": page,
    }
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=7, help="months of ledger history")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=100, help="measured requests per client")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per client")
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=max(1, min(os.cpu_count() or 1, 4)))
    parser.add_argument("--results", type=Path, default=RESULTS)
    # Internal: the child process that makes the statements and the report and prints JSON.
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.people < 10:
        parser.error("--people must be at least 10")
    return args


def _measure() -> dict[str, Any]:
    """In the child: the statements of the last complete month for every fund, then the
    council's reconciliation report for that month."""
    import django

    django.setup()
    from django.utils import timezone

    from bench.scale import SCALE_COUNCIL
    from bench.scale_funds import first_of_month
    from directsupport.accounts.models import Organisation
    from directsupport.funds.models import Fund, LedgerEntry, Statement
    from directsupport.funds.reconciliation.report import reconcile, to_csv, to_xlsx
    from directsupport.funds.statements.services import make_statements

    month = first_of_month(timezone.localdate(), months_back=1)
    funds = Fund.objects.count()
    entries = LedgerEntry.objects.count()
    month_entries = LedgerEntry.objects.filter(
        effective_on__gte=month, effective_on__lt=first_of_month(month, months_back=-1)
    ).count()

    started = time.perf_counter()
    made = make_statements(month=month)
    statements_seconds = time.perf_counter() - started
    if made != funds or Statement.objects.filter(month=month).count() != funds:
        raise SystemExit(f"Made {made} statements for {funds} funds.")

    council = Organisation.objects.get(name=SCALE_COUNCIL)
    started = time.perf_counter()
    report = reconcile(council=council, funds=Fund.objects.filter(council=council), month=month)
    report_seconds = time.perf_counter() - started
    started = time.perf_counter()
    csv_bytes = to_csv(report)
    csv_seconds = time.perf_counter() - started
    started = time.perf_counter()
    xlsx_bytes = to_xlsx(report)
    xlsx_seconds = time.perf_counter() - started

    person_ids = list(Fund.objects.order_by("pk").values_list("person_id", flat=True))
    return {
        "funds": funds,
        "ledger_entries": entries,
        "ledger_entries_in_month": month_entries,
        "statements": {
            "month": f"{month:%Y-%m}",
            "made": made,
            "total_seconds": round(statements_seconds, 2),
            "per_statement_ms": round(statements_seconds * 1000 / max(1, made), 3),
        },
        "reconciliation": {
            "rows": len(report.rows),
            "ties_to_ledger": report.ties,
            "build_seconds": round(report_seconds, 2),
            "csv_seconds": round(csv_seconds, 2),
            "csv_bytes": len(csv_bytes),
            "xlsx_seconds": round(xlsx_seconds, 2),
            "xlsx_bytes": len(xlsx_bytes),
        },
        "person_ids": person_ids[:PAGE_PEOPLE],
    }


def _print(results: dict[str, Any]) -> None:
    statements = results["statements"]
    report = results["reconciliation"]
    page = results["statement_page"]
    print(
        f"{results['funds']:,} ISFs, {results['ledger_entries']:,} ledger entries "
        f"({results['ledger_entries_in_month']:,} in {statements['month']})."
    )
    print(
        f"Statements: {statements['made']:,} in {statements['total_seconds']} s "
        f"({statements['per_statement_ms']} ms each)."
    )
    print(
        f"Reconciliation: {report['rows']:,} rows in {report['build_seconds']} s, CSV "
        f"{report['csv_seconds']} s, XLSX {report['xlsx_seconds']} s; ties to the ledger: "
        f"{report['ties_to_ledger']}."
    )
    print(
        f"Statement page: server p95 {page['server_time_ms']['p95']} ms (target under "
        f"{PAGE_TARGET_P95_MS:.0f} ms), client p95 {page['client_latency_ms']['p95']} ms, "
        f"{page['requests_per_second']} requests/s, {page['errors']} errors."
    )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
