"""`make bench`: the person list and a person page under load, served by gunicorn.

1. Makes a fresh database (SQLite in var/bench/, or --database-url postgres://.../<name with
   "bench">, which is dropped and re-created), migrates it and fills it with
   `bench/generate_scale.py` (10,000 people by default).
2. Counts queries per page with Django's test client (bench/query_counts.py), on this database
   and on a small one (200 people), to show the counts do not grow with the data.
3. Starts gunicorn on a free port, signs 8 clients in as the bench coordinator through the real
   sign-in and two-factor pages (bench/load.py), warms up, then sends each client a fixed
   number of requests per endpoint over keep-alive connections, in interleaved rounds: the
   "framework floor" /healthz, the person list, a filtered search and random person pages.
4. Writes bench/results.json (under the "foundation" key, keeping other keys) and prints a
   summary (bench/report.py). gunicorn is always stopped, even on failure.

Plain standard library plus the project's virtualenv; Django is only imported by the helper.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.accounts import BENCH_PASSWORD, bench_email  # noqa: E402
from bench.load import Client, Endpoint, Measurement, drive  # noqa: E402
from bench.report import (  # noqa: E402
    RESULTS_KEY,
    build_results,
    print_summary,
    redacted,
    write_results,
)

BENCH_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
VENV_BIN = ROOT / ".venv" / "bin"
SMALL_PEOPLE = 200
SEARCH_TERMS = ("an", "ali", "mo", "el", "pat", "ra", "son", "ch", "ka", "li")
STAGES = ("", "planning", "market_shaping", "isf_live", "getting_started")

# gunicorn on this 2-core machine: one worker process per core and one thread each. Pages are
# CPU-bound Python (their SQL takes about a millisecond on SQLite), and a process runs one
# thread at a time, so more threads only make requests wait for each other inside the worker:
# measured with 4 threads, list p95 server time was 140-240 ms against 19 ms with 1, at no
# more requests per second. More processes than cores was slower too (the load generator needs
# a core). The gthread worker keeps the 8 clients' keep-alive connections open; requests that
# wait do so in gunicorn's queue, which the client latency includes and server time does not.
DEFAULT_WORKERS = max(1, min(os.cpu_count() or 1, 4))
DEFAULT_THREADS = 1


def main() -> None:
    args = _arguments()
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    database_url = args.database_url or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    small_url = _small_database_url(database_url)
    env = _django_env(database_url)
    small_env = _django_env(small_url)

    print(f"Benchmark database: {redacted(database_url)}")
    generate_seconds = 0.0
    if not args.reuse_database:
        _fresh_database(database_url)
        _manage(python, env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        _generate(
            python,
            env,
            "generate_scale",
            f"--people={args.people}",
            f"--circle={args.circle}",
        )
        # Each person's ISF with --months of ledger history, for the statement page.
        _generate(python, env, "generate_scale_funds", f"--months={args.months}", "-v0")
        # Last month's statements, as the monthly routine issues them (the page reads them).
        _manage(python, env, "make_statements", "-v0")
        generate_seconds = time.perf_counter() - started
        print(f"Small database for the query-count comparison: {redacted(small_url)}")
        _fresh_database(small_url)
        _manage(python, small_env, "migrate", "--noinput", "-v0")
        _generate(python, small_env, "generate_scale", f"--people={SMALL_PEOPLE}", "-v0")
        _generate(python, small_env, "generate_scale_funds", f"--months={args.months}", "-v0")
        _manage(python, small_env, "make_statements", "-v0")

    print("Counting queries per page (Django test client)...")
    counts = _query_counts(python, env)
    small_counts = _query_counts(python, small_env)

    port = args.port or _free_port()
    base = f"127.0.0.1:{port}"
    server = _start_gunicorn(env, port, args.workers, args.threads)
    try:
        _wait_until_up(base, server)
        codes = list(counts["unused_codes"])
        if len(codes) < args.clients:
            raise SystemExit(
                "Not enough unused bench backup codes: re-run without --reuse-database."
            )
        print(f"Signing in {args.clients} clients through the sign-in and two-factor pages...")
        clients = [Client(base) for _ in range(args.clients)]
        for client, code in zip(clients, codes, strict=False):
            client.sign_in(bench_email("coordinator"), BENCH_PASSWORD, code)
        endpoints = _endpoints(counts["person_ids"], counts["statement_month"])
        print(f"Warming up ({args.warmup} requests per client per endpoint)...")
        for endpoint in endpoints:
            drive(clients, endpoint, args.warmup, seed=0, max_seconds=args.max_seconds)
        measured: dict[str, tuple[Endpoint, Measurement]] = {
            endpoint.name: (endpoint, Measurement()) for endpoint in endpoints
        }
        per_round = max(1, args.requests // args.rounds)
        print(
            f"Measuring {len(endpoints)} endpoints in {args.rounds} rounds: "
            f"{args.clients} clients x {per_round} requests each per round..."
        )
        for round_number in range(args.rounds):
            for endpoint in endpoints:
                measured[endpoint.name][1].add(
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

    results = build_results(
        args,
        database_url=database_url,
        generate_seconds=generate_seconds,
        measured=measured,
        counts=counts,
        small_counts=small_counts,
    )
    # Other work on the machine competes for the same cores: record how busy it was.
    results["machine"]["load_average_1_5_15_min"] = {
        "at_start": [round(x, 2) for x in load_at_start],
        "at_end": [round(x, 2) for x in os.getloadavg()],
    }
    write_results(args.results, results)
    print_summary(results)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


# --- Set-up ---------------------------------------------------------------------------------


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--circle", type=int, default=8, help="average circle size")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--requests", type=int, default=250, help="measured requests per client per endpoint"
    )
    parser.add_argument(
        "--months", type=int, default=2, help="months of ledger history for each person's ISF"
    )
    parser.add_argument("--warmup", type=int, default=20, help="warm-up requests per client")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="measure the endpoints in turn this many times (requests split evenly), so a "
        "change in other load on the machine affects every endpoint alike",
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=120,
        help="stop an endpoint's clients after this long even if requests remain",
    )
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="threads per worker")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://user@host:5432/<name containing 'bench'> (dropped and re-created); "
        "default: SQLite in var/bench/",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="the JSON file to merge the figures into (default bench/results.json)",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="skip re-creating and filling the database (quicker re-runs)",
    )
    return parser.parse_args()


def _tool(name: str) -> str:
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    if name == "python":
        return sys.executable
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run `make install` first.")
    return found


def _django_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)  # measured as in production: DEBUG off
    env.update(
        {
            "DJANGO_ENV": "development",
            "DATABASE_URL": database_url,
            "DJANGO_VAR_DIR": str(BENCH_DIR),
            "DJANGO_LOG_LEVEL": "ERROR",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


def _small_database_url(database_url: str) -> str:
    if database_url.startswith("sqlite"):
        return f"sqlite:///{BENCH_DIR / 'bench-small.sqlite3'}"
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path + "_small"))


def _fresh_database(database_url: str) -> None:
    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"Unsupported database: {parts.scheme}")
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(
            f"Refusing to drop the database {name!r}: the benchmark re-creates its database, so "
            "its name must contain 'bench' (e.g. postgres://postgres@127.0.0.1:5432/dys_bench)."
        )
    import psycopg
    from psycopg import sql

    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy of a benchmark database, reading the source only
    (the trust benchmarks each work on their own copy of var/bench/trust-scale.sqlite3)."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def _manage(python: str, env: dict[str, str], *arguments: str) -> None:
    subprocess.run([python, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def _generate(python: str, env: dict[str, str], generator: str, *arguments: str) -> None:
    """Run a scale generator (bench/generate_scale.py, bench/generate_scale_funds.py): they live
    in bench/, not among the product's manage.py commands."""
    script = ROOT / "bench" / f"{generator}.py"
    subprocess.run([python, str(script), *arguments], cwd=ROOT, env=env, check=True)


def _query_counts(python: str, env: dict[str, str]) -> dict[str, Any]:
    output = subprocess.run(
        [python, str(ROOT / "bench" / "query_counts.py")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(output.stdout))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    log = (BENCH_DIR / "gunicorn.log").open("wb")
    command = [
        _tool("gunicorn"),
        "directsupport.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    print(f"Starting gunicorn: {workers} workers x {threads} threads on 127.0.0.1:{port}")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"gunicorn stopped (exit {server.returncode}); see var/bench/gunicorn.log"
            )
        try:
            connection = http.client.HTTPConnection(base, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 seconds.")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- Endpoints ------------------------------------------------------------------------------


def _endpoints(person_ids: list[int], statement_month: str) -> list[Endpoint]:
    searches = [
        f"/people/?{urllib.parse.urlencode({'q': term, 'stage': stage})}"
        for term in SEARCH_TERMS
        for stage in STAGES
    ]
    return [
        Endpoint("floor", "GET /healthz: same middleware, trivial view", ["/healthz"]),
        Endpoint("person_list", "GET /people/ (first page of 25)", ["/people/"]),
        Endpoint("person_search", "GET /people/?q=<part of a name>&stage=<stage>", searches),
        Endpoint(
            "person_page",
            f"GET /people/<id>/, random among {len(person_ids):,} people",
            [f"/people/{pk}/" for pk in person_ids],
        ),
        Endpoint(
            "perfect_week_page",
            f"GET /week/people/<id>/, random among {len(person_ids):,} people",
            [f"/week/people/{pk}/" for pk in person_ids],
        ),
        Endpoint(
            "statement_page",
            f"GET /funds/people/<id>/statements/{statement_month}/ (last month's, as the "
            "monthly routine issued it: manage.py make_statements), "
            f"random among {len(person_ids):,} people",
            [f"/funds/people/{pk}/statements/{statement_month}/" for pk in person_ids],
        ),
    ]


if __name__ == "__main__":
    main()
