"""Programme dashboard figures (issue 13): working out the monthly snapshots for 10,000 people
and a million ledger entries, the dashboard page under load, and the board's PDF report.

    .venv/bin/python bench/programme_dashboard.py [--people 10000] [--months 7] [--requests 100]

1. Makes a throwaway SQLite database in var/bench/ with ``--people`` people
   (``bench/generate_scale.py``) and an ISF each with ``--months`` months of ledger history
   (``bench/generate_scale_funds.py``: about a million entries for 10,000 funds).
2. In a child process: works out every month's snapshot since the programme began for the
   provider as a whole and for its council (``snapshots.refresh_provider``, as the nightly run
   does), then this month alone (what the page asks for every 15 minutes), each timed; the
   queries one month's figures take; then the board's PDF report as the coordinator's page
   would make it, timed (median of 3).
3. Starts gunicorn, signs 8 clients in as the bench coordinator and asks for the dashboard
   (/coproduction/programme/, with the first page of the per-person table) again and again:
   client latency and the server time Django reports (target: p95 under 200 ms).
4. Merges the figures into bench/results.json under "programme_dashboard", with the freshness
   chosen, keeping the other keys.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
SCALE_DATABASE = BENCH_DIR / "dashboard-scale.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "programme_dashboard"
PAGE_TARGET_P95_MS = 200.0
PDF_TARGET_SECONDS = 5.0


def main() -> None:
    args = _arguments()
    if args.measure:
        print(json.dumps(_measure()))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(f"sqlite:///{SCALE_DATABASE}")
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "dashboard-scale")

    generate_seconds = None
    if not args.reuse_database:
        print(f"Filling {SCALE_DATABASE} with {args.people:,} people and their ISFs ...")
        _fresh_database(env["DATABASE_URL"])
        _manage(python, env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        _generate(python, env, "generate_scale", f"--people={args.people}")
        _generate(python, env, "generate_scale_funds", f"--months={args.months}")
        generate_seconds = round(time.perf_counter() - started, 1)

    print("Working out the snapshots and the board's PDF report ...")
    child = subprocess.run(
        [python, str(Path(__file__)), "--measure"],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    measured = dict(json.loads(child.stdout.strip().splitlines()[-1]))
    endpoint = Endpoint(
        "dashboard_page",
        "GET /coproduction/programme/ as the coordinator (every month since the programme "
        "began, nine charts and tables, the first 50 people's stages)",
        ["/coproduction/programme/"],
    )
    page = page_under_load(env, endpoint, args, target_p95_ms=PAGE_TARGET_P95_MS)

    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_facts(),
        "load_average_1_5_15_min": {
            "at_start": [round(x, 2) for x in load_at_start],
            "at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "scale_generate_seconds": generate_seconds,
        "freshness": (
            "The month we are in is worked out again when its figures are over 15 minutes old "
            "(the page asks in the background and shows when its figures were worked out); "
            "earlier months nightly (manage.py programme_snapshots)."
        ),
        **measured,
        "dashboard_page": page,
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
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--workers", type=int, default=max(1, min(os.cpu_count() or 1, 4)))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--reuse-database", action="store_true", help="keep the filled database (re-runs)"
    )
    # Internal: the child process that works out the snapshots and the PDF and prints JSON.
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.people < 10:
        parser.error("--people must be at least 10")
    return args


def _measure() -> dict[str, Any]:
    """In the child: the snapshots (every month, then this month alone), one month's queries,
    and the board's PDF report."""
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.accounts import bench_backup_codes, bench_email
    from bench.scale import SCALE_PROVIDER
    from directsupport.accounts.models import Organisation, User
    from directsupport.accounts.two_factor import issue_backup_codes
    from directsupport.coproduction.access import dashboard_scope_for
    from directsupport.coproduction.dashboard.figures import month_figures
    from directsupport.coproduction.dashboard.reading import read_dashboard
    from directsupport.coproduction.dashboard.report import board_report
    from directsupport.coproduction.dashboard.snapshots import councils_of, refresh_provider
    from directsupport.funds.models import Fund, LedgerEntry
    from directsupport.people.models import Person

    today = timezone.localdate()
    provider = Organisation.objects.get(name=SCALE_PROVIDER)
    scopes = 1 + len(councils_of(provider.pk))

    started = time.perf_counter()
    written = refresh_provider(provider.pk, today=today)
    all_seconds = time.perf_counter() - started

    started = time.perf_counter()
    refresh_provider(provider.pk, today=today, current_only=True)
    current_seconds = time.perf_counter() - started

    with CaptureQueriesContext(connection) as queries:
        month_figures(provider_id=provider.pk, council_id=None, month=today, today=today)

    coordinator = User.objects.get(email=bench_email("coordinator"))
    # The page is measured signed in as the coordinator with the first backup codes; a re-run on
    # the same database (--reuse-database) needs them unused again. A bench database only.
    issue_backup_codes(coordinator, bench_backup_codes())
    pdf_seconds, pages, size = [], 0, 0
    for _ in range(3):
        started = time.perf_counter()
        dashboard = read_dashboard(
            user=coordinator,
            scope=dashboard_scope_for(coordinator),
            params=QueryDict(),
            today=today,
            now=timezone.now(),
            with_people=False,
        )
        rendered = board_report(dashboard)
        pdf_seconds.append(time.perf_counter() - started)
        pages, size = rendered.pages, len(rendered.content)
    pdf_median = statistics.median(pdf_seconds)
    months = written // scopes
    return {
        "people": Person.objects.filter(organisation=provider).count(),
        "funds": Fund.objects.count(),
        "ledger_entries": LedgerEntry.objects.count(),
        "snapshots": {
            "months": months,
            "scopes": scopes,
            "written": written,
            "refresh_all_seconds": round(all_seconds, 2),
            "per_month_and_scope_seconds": round(all_seconds / max(1, written), 3),
            "refresh_current_month_seconds": round(current_seconds, 2),
            "queries_per_month": len(queries),
        },
        "pdf_report": {
            "months": len(dashboard.months),
            "pages": pages,
            "bytes": size,
            "seconds_median_of_3": round(pdf_median, 2),
            "seconds_each": [round(seconds, 2) for seconds in pdf_seconds],
            "target_seconds": PDF_TARGET_SECONDS,
            "meets_target": pdf_median < PDF_TARGET_SECONDS,
        },
    }


def _print(results: dict[str, Any]) -> None:
    snapshots, pdf, page = results["snapshots"], results["pdf_report"], results["dashboard_page"]
    print(
        f"{results['people']:,} people, {results['funds']:,} ISFs, "
        f"{results['ledger_entries']:,} ledger entries."
    )
    print(
        f"Snapshots: {snapshots['written']} ({snapshots['months']} months x {snapshots['scopes']} "
        f"scopes) in {snapshots['refresh_all_seconds']} s; this month alone in "
        f"{snapshots['refresh_current_month_seconds']} s; {snapshots['queries_per_month']} "
        "queries a month."
    )
    print(
        f"PDF report: {pdf['pages']} pages in {pdf['seconds_median_of_3']} s (target under "
        f"{PDF_TARGET_SECONDS:.0f} s)."
    )
    print(
        f"Dashboard page: server p95 {page['server_time_ms']['p95']} ms (target under "
        f"{PAGE_TARGET_P95_MS:.0f} ms), client p95 {page['client_latency_ms']['p95']} ms, "
        f"{page['requests_per_second']} requests/s, {page['errors']} errors."
    )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
