"""Figures for bench/run.py: percentiles, targets, machine details, results.json and a summary."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

from bench.load import Endpoint, Measurement

ROOT = Path(__file__).resolve().parent.parent
# Each issue keeps its own top-level key in results.json.
RESULTS_KEY = "foundation"

# Targets from issue 2, at 10,000 people and 8 concurrent clients.
TARGET_SERVER_P95_MS = 50.0
TARGET_FLOOR_RATIO = 0.30


def redacted(database_url: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return database_url


def _percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return round(ordered[int(rank) - 1], 2)


def _endpoint_figures(measurement: Measurement, floor_rps: float | None) -> dict[str, Any]:
    rps = len(measurement.latencies_ms) / measurement.seconds if measurement.seconds else 0.0
    return {
        "requests": measurement.sent,
        "errors": measurement.errors,
        "error_examples": measurement.error_examples,
        "seconds": round(measurement.seconds, 2),
        "stopped_early_at_max_seconds": measurement.stopped_early,
        "requests_per_second": round(rps, 1),
        "client_latency_ms": {
            "p50": _percentile(measurement.latencies_ms, 0.50),
            "p95": _percentile(measurement.latencies_ms, 0.95),
            "p99": _percentile(measurement.latencies_ms, 0.99),
        },
        "server_time_ms": {
            "p50": _percentile(measurement.server_ms, 0.50),
            "p95": _percentile(measurement.server_ms, 0.95),
            "p99": _percentile(measurement.server_ms, 0.99),
        },
        "rps_ratio_to_floor": round(rps / floor_rps, 3) if floor_rps else None,
    }


def build_results(
    args: argparse.Namespace,
    *,
    database_url: str,
    generate_seconds: float,
    measured: dict[str, tuple[Endpoint, Measurement]],
    counts: dict[str, Any],
    small_counts: dict[str, Any],
) -> dict[str, Any]:
    _, floor = measured["floor"]
    floor_rps = len(floor.latencies_ms) / floor.seconds if floor.seconds else None
    endpoints = {
        name: {"description": endpoint.description, **_endpoint_figures(m, floor_rps)}
        for name, (endpoint, m) in measured.items()
    }
    targets = {}
    for name in (
        "person_list",
        "person_search",
        "person_page",
        "perfect_week_page",
        "statement_page",
    ):
        figures = endpoints[name]
        p95 = figures["server_time_ms"]["p95"]
        ratio = figures["rps_ratio_to_floor"]
        targets[name] = {
            "server_p95_ms": p95,
            "server_p95_under_50_ms": p95 is not None and p95 < TARGET_SERVER_P95_MS,
            "rps_ratio_to_floor": ratio,
            "at_least_30_percent_of_floor": ratio is not None and ratio >= TARGET_FLOOR_RATIO,
            "errors": figures["errors"],
        }
    big_pages = counts["pages"]
    small_pages = small_counts["pages"]
    queries = {
        name: {
            "path": page["path"],
            "status": page["status"],
            f"queries_at_{counts['people']}_people": page["queries"],
            f"queries_at_{small_counts['people']}_people": small_pages.get(name, {}).get("queries"),
            f"sql_ms_at_{counts['people']}_people": page.get("sql_ms"),
            "slowest_sql": page.get("slowest_sql"),
        }
        for name, page in big_pages.items()
    }
    constant = all(
        page["queries"] == small_pages.get(name, {}).get("queries")
        for name, page in big_pages.items()
    )
    same_for_any_circle = all(
        big_pages[name]["queries"] == big_pages[name.replace("_largest_", "_smallest_")]["queries"]
        for name in big_pages
        if "_largest_circle" in name
    )
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": git_output("rev-parse", "HEAD"),
        "git_uncommitted_changes": bool(git_output("status", "--porcelain")),
        "machine": machine_facts(),
        "database": {
            "url": redacted(database_url),
            "vendor": "sqlite" if database_url.startswith("sqlite") else "postgresql",
        },
        "data": {
            "people": counts["people"],
            "average_circle": args.circle,
            "largest_circle": counts["largest_circle"],
            "smallest_circle": counts["smallest_circle"],
            "generate_scale_seconds": round(generate_seconds, 1) if generate_seconds else None,
        },
        "server": {
            "command": f"gunicorn directsupport.wsgi --workers={args.workers} "
            f"--threads={args.threads} --worker-class=gthread --keep-alive=30",
            "workers": args.workers,
            "threads": args.threads,
            "why": "one process per core, one thread each: pages are CPU-bound Python and a "
            "process runs one thread at a time, so extra threads only queue requests inside "
            "the worker (inflating server time) without adding throughput; gthread keeps the "
            "clients' keep-alive connections; the load generator shares the same 2 cores",
            "settings": "DJANGO_ENV=development, DEBUG off, same middleware as production",
        },
        "load": {
            "clients": args.clients,
            "requests_per_client_per_endpoint": max(1, args.requests // args.rounds) * args.rounds,
            "rounds": args.rounds,
            "warmup_per_client_per_endpoint": args.warmup,
            "signed_in_as": "bench coordinator (sees every person), via sign-in + two-factor",
            "connections": "HTTP/1.1 keep-alive, one per client",
        },
        "endpoints": endpoints,
        "targets": {
            "rule": "with 10,000 people: server p95 < 50 ms at 8 clients and >= 30% of the "
            "floor's requests per second",
            **targets,
        },
        "queries_per_page": {
            "pages": queries,
            "same_at_both_sizes": constant,
            "same_for_largest_and_smallest_circle": same_for_any_circle,
        },
    }


def git_output(*arguments: str) -> str:
    try:
        output = subprocess.run(
            ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return output.stdout.strip()


def machine_facts() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def write_results(path: Path, results: dict[str, Any], *, key: str = RESULTS_KEY) -> None:
    """Merge into the file under ``key``: other areas keep their own top-level keys in it."""
    existing: dict[str, Any] = {}
    if path.exists():
        existing = json.loads(path.read_text())
    existing[key] = results
    path.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")


def print_summary(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print()
    print(
        f"Direct Your Support benchmark, {results['data']['people']:,} people, "
        f"{results['load']['clients']} clients, {results['database']['vendor']}, "
        f"{machine['cores']} cores, Python {machine['python']}, SQLite {machine['sqlite']}"
    )
    print(f"Server: {results['server']['command']}")
    load = machine["load_average_1_5_15_min"]
    print(
        f"Machine load average (1, 5, 15 min): {load['at_start']} at start, {load['at_end']} at end"
    )
    header = (
        f"{'endpoint':<14}{'req':>6}{'err':>5}{'rps':>8}{'ratio':>7}"
        f"{'client p50':>12}{'p95':>8}{'p99':>8}{'server p50':>12}{'p95':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, figures in results["endpoints"].items():
        client = figures["client_latency_ms"]
        server = figures["server_time_ms"]
        print(
            f"{name:<14}{figures['requests']:>6}{figures['errors']:>5}"
            f"{figures['requests_per_second']:>8.1f}{figures['rps_ratio_to_floor']:>7.2f}"
            f"{_ms(client['p50']):>12}{_ms(client['p95']):>8}{_ms(client['p99']):>8}"
            f"{_ms(server['p50']):>12}{_ms(server['p95']):>8}"
        )
    print("(times in ms; ratio = requests per second / the floor's)")
    print()
    for name, target in results["targets"].items():
        if name == "rule":
            continue
        verdict = (
            "MET"
            if target["server_p95_under_50_ms"]
            and target["at_least_30_percent_of_floor"]
            and not target["errors"]
            else "MISSED"
        )
        print(
            f"Target {name}: server p95 {target['server_p95_ms']} ms (< 50), "
            f"{target['rps_ratio_to_floor']:.0%} of floor rps (>= 30%): {verdict}"
        )
    queries = results["queries_per_page"]
    print()
    sizes = [
        k.removeprefix("queries_at_")
        for k in next(iter(queries["pages"].values()))
        if k.startswith("queries_at_")
    ]
    print(
        f"Queries per page (at {' / '.join(sizes)}), and at the larger size the SQL time "
        "and the slowest query:"
    )
    for name, page in queries["pages"].items():
        counts = [v for k, v in page.items() if k.startswith("queries_at_")]
        sql_ms = next(v for k, v in page.items() if k.startswith("sql_ms_at_"))
        slowest = page.get("slowest_sql") or {}
        print(
            f"  {name:<36} {page['status']:>3}  {' / '.join(str(c) for c in counts):>8}"
            f"  {_ms(sql_ms):>8} ms  slowest {_ms(slowest.get('ms')):>8} ms"
        )
    print(
        f"Same query counts at both sizes: {queries['same_at_both_sizes']}; "
        f"same for the largest and smallest circle: "
        f"{queries['same_for_largest_and_smallest_circle']}"
    )


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
