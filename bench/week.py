"""My Perfect Week figures (issue 4): pricing weeks, and the Perfect Week page under load.

    .venv/bin/python bench/week.py [--people 10000] [--runs 3] [--requests 100]

1. Makes two throwaway SQLite databases in var/bench/: the demo (``manage.py seed_demo``: 55
   people, each with a Perfect Week, and Willowbrook's rate cards) and the scale database
   (``bench/generate_scale.py``: ``--people`` people, each with a Perfect Week).
2. Prices every Perfect Week in each with ``week.pricing.price_week`` and the card in force
   today, ``--runs`` times after loading the entries once: the median time, people per second
   and entries per second (the loading is timed on its own). Run in a child process per
   database, as Django reads its database from the environment.
3. Starts gunicorn on the scale database, signs 8 clients in as the bench coordinator through
   the real sign-in and two-factor pages, warms up, then asks for the Perfect Week page
   (/week/people/<id>/) of random people: client latency and the server time Django reports
   in its Server-Timing header (target: p95 under 50 ms), as bench/run.py measures pages.
4. Merges the figures into bench/results.json under "week", keeping the other keys.

The machine is shared: its load average at the start and end is recorded with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Client, Endpoint, Measurement, drive  # noqa: E402
from bench.report import _percentile, machine_facts, write_results  # noqa: E402
from bench.run import (  # noqa: E402
    _django_env,
    _free_port,
    _fresh_database,
    _generate,
    _manage,
    _start_gunicorn,
    _stop,
    _tool,
    _wait_until_up,
)

BENCH_DIR = ROOT / "var" / "bench"
DEMO_DATABASE = BENCH_DIR / "week-demo.sqlite3"
SCALE_DATABASE = BENCH_DIR / "week-scale.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "week"
PAGE_TARGET_P95_MS = 50.0
PAGE_PEOPLE = 500  # the page is asked for random people among this many


def main() -> None:
    args = _arguments()
    if args.measure_pricing:
        print(json.dumps(_measure_pricing(args.measure_pricing, runs=args.runs)))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    demo_env = _django_env(f"sqlite:///{DEMO_DATABASE}")
    scale_env = _django_env(f"sqlite:///{SCALE_DATABASE}")
    demo_env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "week-demo")  # the demo's drawings go here

    print(f"Loading the demo into {DEMO_DATABASE} ...")
    _fresh_database(demo_env["DATABASE_URL"])
    _manage(python, demo_env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    _manage(python, demo_env, "seed_demo")
    seed_seconds = time.perf_counter() - started
    print(f"Filling {SCALE_DATABASE} with {args.people:,} people ...")
    _fresh_database(scale_env["DATABASE_URL"])
    _manage(python, scale_env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    _generate(python, scale_env, "generate_scale", f"--people={args.people}")
    generate_seconds = time.perf_counter() - started

    print("Pricing the demo's Perfect Weeks ...")
    demo = _pricing_in_child(python, demo_env, "Willowbrook Support", args.runs)
    print("Pricing the scale database's Perfect Weeks ...")
    scale = _pricing_in_child(python, scale_env, "Scale Test Support", args.runs)
    person_ids = scale.pop("person_ids")
    random.Random(4).shuffle(person_ids)
    endpoint = Endpoint(
        "perfect_week_page",
        f"GET /week/people/<id>/, random among {len(person_ids):,} people",
        [f"/week/people/{pk}/" for pk in person_ids],
    )
    page = page_under_load(scale_env, endpoint, args, target_p95_ms=PAGE_TARGET_P95_MS)
    demo.pop("person_ids")

    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_facts(),
        "load_average_1_5_15_min": {
            "at_start": [round(x, 2) for x in load_at_start],
            "at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "demo_seed_seconds": round(seed_seconds, 2),
        "scale_generate_seconds": round(generate_seconds, 2),
        "pricing_demo": demo,
        "pricing_scale": scale,
        "perfect_week_page": page,
    }
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="timed pricing runs per database")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--requests", type=int, default=100, help="measured requests per client for the page"
    )
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per client")
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=max(1, min(os.cpu_count() or 1, 4)))
    parser.add_argument("--results", type=Path, default=RESULTS)
    # Internal: the child process that prices one database's weeks and prints JSON.
    parser.add_argument("--measure-pricing", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1 or args.people < 10:
        parser.error("--runs must be at least 1 and --people at least 10")
    return args


def _pricing_in_child(python: str, env: dict[str, str], provider: str, runs: int) -> dict[str, Any]:
    env = dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings")
    output = subprocess.run(
        [python, str(Path(__file__)), "--measure-pricing", provider, f"--runs={runs}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def _measure_pricing(provider_name: str, *, runs: int) -> dict[str, Any]:
    """In the child: load every Perfect Week of the provider, then price them all ``runs``
    times."""
    import django

    django.setup()
    from collections import defaultdict

    from django.utils import timezone

    from directsupport.accounts.models import Organisation
    from directsupport.week.models import WeekEntry, WeekKind
    from directsupport.week.pricing import (
        card_facts,
        current_rate_card,
        facts_from,
        plan_year_start,
        price_week,
    )

    provider = Organisation.objects.get(name=provider_name)
    card = current_rate_card(provider)
    if card is None:
        raise SystemExit(f"{provider_name} has no rate card in force today.")
    started = time.perf_counter()
    facts = card_facts(card)
    weeks: dict[int, list[Any]] = defaultdict(list)
    people: dict[int, int] = {}
    for entry in WeekEntry.objects.filter(
        week__person__organisation=provider, week__kind=WeekKind.PERFECT
    ).select_related("week"):
        weeks[entry.week_id].append(facts_from(entry))
        people[entry.week_id] = entry.week.person_id
    load_seconds = time.perf_counter() - started
    year_start = plan_year_start(timezone.localdate())
    entries = sum(len(week) for week in weeks.values())
    timings: list[float] = []
    total = 0
    for _ in range(runs):
        started = time.perf_counter()
        total = sum(
            price_week(week, facts, year_start=year_start).yearly_pence for week in weeks.values()
        )
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    return {
        "people": len(weeks),
        "entries": entries,
        "runs": runs,
        "load_entries_seconds": round(load_seconds, 3),
        "price_all_seconds_median": round(median, 3),
        "price_all_seconds_each_run": [round(t, 3) for t in timings],
        "people_per_second": round(len(weeks) / median, 1),
        "entries_per_second": round(entries / median, 1),
        "yearly_total_pence": total,
        "yearly_average_pence": total // max(1, len(weeks)),
        "person_ids": sorted(people.values())[:PAGE_PEOPLE],
    }


def page_under_load(
    env: dict[str, str], endpoint: Endpoint, args: argparse.Namespace, *, target_p95_ms: float
) -> dict[str, Any]:
    """Serve ``env``'s database with gunicorn, sign ``args.clients`` clients in as the bench
    coordinator, warm up, then measure ``endpoint``: client latency and Django's server time."""
    from bench.accounts import (
        BENCH_PASSWORD,
        bench_backup_codes,
        bench_email,
    )

    port = _free_port()
    base = f"127.0.0.1:{port}"
    server = _start_gunicorn(env, port, args.workers, 1)
    try:
        _wait_until_up(base, server)
        print(f"Signing in {args.clients} clients as the bench coordinator ...")
        clients = [Client(base) for _ in range(args.clients)]
        # A fresh database: its first backup codes are unused.
        for client, code in zip(clients, bench_backup_codes(), strict=False):
            client.sign_in(bench_email("coordinator"), BENCH_PASSWORD, code)
        drive(clients, endpoint, args.warmup, seed=0, max_seconds=args.max_seconds)
        print(f"Measuring: {args.clients} clients x {args.requests} requests ...")
        measured = Measurement()
        measured.add(drive(clients, endpoint, args.requests, seed=1, max_seconds=args.max_seconds))
        for client in clients:
            client.close()
    finally:
        _stop(server)
    rps = len(measured.latencies_ms) / measured.seconds if measured.seconds else 0.0
    server_p95 = _percentile(measured.server_ms, 0.95)
    return {
        "description": endpoint.description,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "requests": measured.sent,
        "errors": measured.errors,
        "error_examples": measured.error_examples,
        "requests_per_second": round(rps, 1),
        "client_latency_ms": {
            "p50": _percentile(measured.latencies_ms, 0.50),
            "p95": _percentile(measured.latencies_ms, 0.95),
        },
        "server_time_ms": {
            "p50": _percentile(measured.server_ms, 0.50),
            "p95": server_p95,
            "p99": _percentile(measured.server_ms, 0.99),
        },
        "target_server_p95_ms": target_p95_ms,
        "meets_target": server_p95 is not None and server_p95 < target_p95_ms,
    }


def _print(results: dict[str, Any]) -> None:
    for key in ("pricing_demo", "pricing_scale"):
        figures = results[key]
        print(
            f"{key}: {figures['people']:,} people, {figures['entries']:,} entries priced in "
            f"{figures['price_all_seconds_median']} s (median of {figures['runs']}): "
            f"{figures['people_per_second']:,} people/s, {figures['entries_per_second']:,} "
            f"entries/s; £{figures['yearly_total_pence'] / 100:,.2f} a year in all."
        )
    page = results["perfect_week_page"]
    print(
        f"Perfect Week page: server p95 {page['server_time_ms']['p95']} ms (target under "
        f"{PAGE_TARGET_P95_MS:.0f} ms), client p95 {page['client_latency_ms']['p95']} ms, "
        f"{page['requests_per_second']} requests/s, {page['errors']} errors."
    )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
