"""The public Open Referral UK API under load (issue 10): /openreferral/services with 2,000
suppliers, with and without filters, at 8 concurrent clients.

    .venv/bin/python bench/market_api.py [--suppliers 2000] [--requests 150] [--clients 8]

1. Makes a throwaway SQLite database in var/bench/ (--database-url for PostgreSQL, whose name
   must contain "bench"), migrates it and fills it with ``--suppliers`` suppliers and their
   services (bench/scale_market.py's ``generate_suppliers``, in a child process).
2. Starts gunicorn (as bench/run.py does: one worker per core, one thread each), opens
   ``--clients`` keep-alive clients (no sign-in: the API is public), warms up, then measures in
   interleaved rounds: the framework floor /healthz; the first page of /services; random pages
   of 50; /services with filters (a kind of support, a day with start and end times, a word
   searched for, and these combined); and random fully nested services.
3. Merges the figures into bench/results.json under "market_api": requests per second, client
   latency and the server time Django reports (Server-Timing), p50/p95/p99, for each. Target:
   /services p95 under 50 ms (server time, as the other page figures are measured; the client
   latency, which adds the time queued behind the other clients on 2 cores, is beside it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Client, Endpoint, Measurement, drive  # noqa: E402
from bench.report import _endpoint_figures, machine_facts, redacted, write_results  # noqa: E402
from bench.run import (  # noqa: E402
    DEFAULT_WORKERS,
    _django_env,
    _free_port,
    _fresh_database,
    _manage,
    _start_gunicorn,
    _stop,
    _tool,
    _wait_until_up,
)

BENCH_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "market_api"
TARGET_P95_MS = 50.0
SEARCH_WORDS = ("swim", "music", "riverside", "care", "club", "garden", "oak", "night")
TIMES = (("09:00", "13:00"), ("10:00", "17:00"), ("17:00", "22:00"), ("08:00", "23:00"))
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def main() -> None:
    args = _arguments()
    if args.facts:
        print(json.dumps(_facts()))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    database_url = args.database_url or f"sqlite:///{BENCH_DIR / 'market-api.sqlite3'}"
    env = _django_env(database_url)
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "market-api")

    print(f"Filling {redacted(database_url)} with {args.suppliers:,} suppliers ...")
    _fresh_database(database_url)
    _manage(python, env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    subprocess.run(
        [python, str(ROOT / "bench" / "scale_market.py"), f"--suppliers={args.suppliers}"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    generate_seconds = time.perf_counter() - started
    facts = json.loads(
        subprocess.run(
            [python, str(Path(__file__)), "--facts"],
            cwd=ROOT,
            env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    endpoints = _endpoints(facts)
    measured = _measure(env, endpoints, args)

    floor = measured["floor"]
    floor_rps = len(floor.latencies_ms) / floor.seconds if floor.seconds else None
    figures = {
        endpoint.name: {
            "description": endpoint.description,
            **_endpoint_figures(measured[endpoint.name], floor_rps),
        }
        for endpoint in endpoints
    }
    for name in ("services", "services_pages", "services_filtered"):
        p95 = figures[name]["server_time_ms"]["p95"]
        figures[name]["target_server_p95_ms"] = TARGET_P95_MS
        figures[name]["meets_target"] = p95 is not None and p95 < TARGET_P95_MS
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_facts(),
        "load_average_1_5_15_min": {
            "at_start": [round(x, 2) for x in load_at_start],
            "at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "database": redacted(database_url),
        "data": {key: value for key, value in facts.items() if not isinstance(value, list)},
        "scale_generate_seconds": round(generate_seconds, 1),
        "load": {
            "clients": args.clients,
            "gunicorn_workers": args.workers,
            "requests_per_client_per_endpoint": args.requests,
            "rounds": args.rounds,
        },
        "endpoints": figures,
    }
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suppliers", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--requests", type=int, default=150, help="measured requests per client per endpoint"
    )
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per client")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="gunicorn workers")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--results", type=Path, default=RESULTS)
    # Internal: the child process that reads ids and counts from the filled database.
    parser.add_argument("--facts", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _facts() -> dict[str, Any]:
    """In the child: counts of what the API serves, and ids to ask for."""
    import django

    django.setup()
    from directsupport.market.access import published_services
    from directsupport.market.models import Schedule, Service, Supplier, TaxonomyTerm

    published = published_services()
    return {
        "suppliers": Supplier.objects.count(),
        "published_suppliers": Supplier.objects.filter(published=True).count(),
        "services": Service.objects.count(),
        "published_services": published.count(),
        "weekly_times": Schedule.objects.count(),
        "service_ids": [
            str(u) for u in published.order_by("?").values_list("uuid", flat=True)[:500]
        ],
        "term_ids": [str(u) for u in TaxonomyTerm.objects.values_list("uuid", flat=True)],
    }


def _endpoints(facts: dict[str, Any]) -> list[Endpoint]:
    pages = max(1, -(-facts["published_services"] // 50))
    rng = random.Random(7)
    terms = facts["term_ids"]

    def query(**params: str) -> str:
        return "/openreferral/services?" + urllib.parse.urlencode(params)

    filtered = []
    for _ in range(200):
        start, end = rng.choice(TIMES)
        filtered += [
            query(taxonomy_term_id=rng.choice(terms)),
            query(day=rng.choice(DAYS), start_time=start, end_time=end),
            query(search=rng.choice(SEARCH_WORDS)),
            query(
                taxonomy_term_id=rng.choice(terms),
                day=rng.choice(DAYS),
                start_time=start,
                page=str(rng.randint(1, 3)),
            ),
        ]
    return [
        Endpoint("floor", "GET /healthz: same middleware, trivial view", ["/healthz"]),
        Endpoint(
            "services", "GET /openreferral/services (first page of 50)", ["/openreferral/services"]
        ),
        Endpoint(
            "services_pages",
            f"GET /openreferral/services?page=<1..{pages}> (50 a page)",
            [f"/openreferral/services?page={page}" for page in range(1, pages + 1)],
        ),
        Endpoint(
            "services_filtered",
            "GET /openreferral/services with filters: taxonomy_term_id; day with start_time and "
            "end_time; search; and term, day, start_time and page together",
            filtered,
        ),
        Endpoint(
            "service",
            "GET /openreferral/services/<id>, fully nested, random among "
            f"{len(facts['service_ids'])}",
            [f"/openreferral/services/{uuid}" for uuid in facts["service_ids"]],
        ),
    ]


def _measure(
    env: dict[str, str], endpoints: list[Endpoint], args: argparse.Namespace
) -> dict[str, Measurement]:
    port = _free_port()
    base = f"127.0.0.1:{port}"
    server = _start_gunicorn(env, port, args.workers, 1)
    measured = {endpoint.name: Measurement() for endpoint in endpoints}
    try:
        _wait_until_up(base, server)
        clients = [Client(base) for _ in range(args.clients)]
        print(f"Warming up ({args.warmup} requests per client per endpoint) ...")
        for endpoint in endpoints:
            drive(clients, endpoint, args.warmup, seed=0, max_seconds=args.max_seconds)
        per_round = max(1, args.requests // args.rounds)
        print(
            f"Measuring {len(endpoints)} endpoints in {args.rounds} rounds: "
            f"{args.clients} clients x {per_round} requests each per round ..."
        )
        for round_number in range(args.rounds):
            for endpoint in endpoints:
                measured[endpoint.name].add(
                    drive(
                        clients,
                        endpoint,
                        per_round,
                        seed=round_number + 1,
                        max_seconds=args.max_seconds / args.rounds,
                    )
                )
        for client in clients:
            client.close()
    finally:
        _stop(server)
    return measured


def _print(results: dict[str, Any]) -> None:
    data = results["data"]
    print(
        f"{data['suppliers']:,} suppliers ({data['published_suppliers']:,} published), "
        f"{data['services']:,} services ({data['published_services']:,} published), "
        f"{data['weekly_times']:,} weekly times; made in {results['scale_generate_seconds']} s."
    )
    print(
        f"{'endpoint':<18}{'req':>6}{'err':>5}{'rps':>8}{'client p95':>12}"
        f"{'server p50':>12}{'p95':>8}{'p99':>8}"
    )
    for name, figures in results["endpoints"].items():
        server = figures["server_time_ms"]
        print(
            f"{name:<18}{figures['requests']:>6}{figures['errors']:>5}"
            f"{figures['requests_per_second']:>8}{figures['client_latency_ms']['p95']:>12}"
            f"{server['p50']:>12}{server['p95']:>8}{server['p99']:>8}"
        )
    for name in ("services", "services_pages", "services_filtered"):
        figures = results["endpoints"][name]
        verdict = "meets" if figures["meets_target"] else "MISSES"
        print(
            f"{name}: server p95 {figures['server_time_ms']['p95']} ms {verdict} the target "
            f"(under {TARGET_P95_MS:.0f} ms)"
        )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
