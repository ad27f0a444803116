"""`make bench-load`: two app servers under load from Locust, at 30, 90 and 150 users.

1. Makes a fresh PostgreSQL database (its name must contain "bench"; dropped and re-created),
   migrates it and fills it with `bench/generate_scale.py` (500 people by default) and
   `bench/generate_scale_funds.py` (their ISFs and ledgers).
2. Starts two gunicorn servers on their own ports against that one database and one Redis
   (REDIS_URL): the deployment of README "Running more than one app server" on one machine.
3. For each number of users, runs Locust headless (bench/locustfile_two_servers.py): each user
   signs in as a bench user of a role (a mix: coordinators, support workers, finance, a
   manager, a commissioner, the person) through the real sign-in and two-factor pages, every
   other user on the other server, and browses with 3-7 s of think time. Requests are measured
   for --seconds from when every user has signed in (the sign-ins, Argon2 password checks, are
   reported apart).
4. Writes p50/p95/p99, requests per second and the error rate of each step to
   bench/results.json under "multi_server_load" (other keys kept). The servers are always
   stopped.

Locust, both servers and PostgreSQL share this machine's cores: the figures are for all of it
on one machine, which a real deployment would spread over several.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.accounts import BENCH_BACKUP_CODE_COUNT  # noqa: E402
from bench.report import machine_facts, redacted, write_results  # noqa: E402
from bench.run import (  # noqa: E402
    _django_env,
    _free_port,
    _fresh_database,
    _generate,
    _manage,
    _stop,
    _tool,
    _wait_until_up,
)

BENCH_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "multi_server_load"
LOCUSTFILE = ROOT / "bench" / "locustfile_two_servers.py"
SIGN_IN = "sign-in"  # the locustfile's name for the sign-in requests
GOAL_P95_MS = 1000.0
GOAL_ERROR_RATE = 0.01


def main() -> None:
    args = _arguments()
    if sum(args.users) > BENCH_BACKUP_CODE_COUNT:
        raise SystemExit(f"At most {BENCH_BACKUP_CODE_COUNT} users in all (single-use codes).")
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(args.database_url)
    env.update(
        {
            "REDIS_URL": args.redis_url,
            "DJANGO_CACHE_PREFIX": f"dys-bench-{os.getpid()}",
            "DJANGO_VAR_DIR": str(BENCH_DIR / "two-servers"),
        }
    )

    print(f"Benchmark database: {redacted(args.database_url)}; Redis: {args.redis_url}")
    _fresh_database(args.database_url)
    _manage(python, env, "migrate", "--noinput", "-v0")
    _generate(python, env, "generate_scale", f"--people={args.people}", "-v0")
    _generate(python, env, "generate_scale_funds", "-v0")

    ports = [args.port or _free_port(), _free_port()]
    servers = [_start_gunicorn(env, port, args.workers, args.threads) for port in ports]
    steps: list[dict[str, Any]] = []
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_until_up(f"127.0.0.1:{port}", server)
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        code_offset = 0
        for users in args.users:
            print(f"Locust: {users} users on {' and '.join(urls)} for {args.seconds} s ...")
            steps.append(_one_step(env, urls, users, code_offset, args))
            code_offset += users
            _print_step(steps[-1])
    finally:
        for server in servers:
            _stop(server)

    last = steps[-1]
    results = {
        "what": (
            "Two gunicorn app servers on one PostgreSQL and one Redis, under Locust: each "
            "simulated user signs in through the real sign-in and two-factor pages as a bench "
            "user of a role, every other user on the other server, then browses its role's "
            "pages with think time. Measured for a fixed time from when every user has signed "
            "in; the sign-ins (Argon2 password checks) are reported apart."
        ),
        "command": "make bench-load",
        "data": {"people": args.people, "database": redacted(args.database_url)},
        "servers": {
            "count": 2,
            "command": (
                f"gunicorn directsupport.wsgi --workers={args.workers} --threads={args.threads} "
                "--worker-class=gthread (each)"
            ),
            "redis": args.redis_url,
        },
        "load": {
            "tool": "locust " + _locust_version(),
            "think_time_seconds": [3, 7],
            "measured_seconds_per_step": args.seconds,
            "role_weights": {
                "coordinator": 3,
                "support_worker": 2,
                "finance": 2,
                "manager": 1,
                "commissioner": 1,
                "person": 1,
            },
        },
        "steps": steps,
        "goal": {
            "p95_ms_under": GOAL_P95_MS,
            "error_rate_under": GOAL_ERROR_RATE,
            "at_users": last["users"],
            "met": last["p95_ms"] < GOAL_P95_MS and last["error_rate"] < GOAL_ERROR_RATE,
        },
        "machine": {
            **machine_facts(),
            "load_average_1_5_15_min": {
                "at_start": [round(x, 2) for x in load_at_start],
                "at_end": [round(x, 2) for x in os.getloadavg()],
            },
            "note": "Locust, both servers, PostgreSQL and Redis all on this machine's cores.",
        },
    }
    write_results(args.results, results, key=RESULTS_KEY)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _one_step(
    env: dict[str, str], urls: list[str], users: int, code_offset: int, args: argparse.Namespace
) -> dict[str, Any]:
    samples_path = BENCH_DIR / f"locust-samples-{users}.json"
    samples_path.unlink(missing_ok=True)
    spawn_rate = max(1, users // 10)  # every user started within about ten seconds
    # The locustfile stops the run args.seconds after the last user has signed in; --run-time
    # only caps a run whose sign-ins never finish.
    command = [
        _tool("locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        f"--users={users}",
        f"--spawn-rate={spawn_rate}",
        f"--run-time={args.seconds + 600}s",
        "--stop-timeout=10",
        "--only-summary",
        "--loglevel=WARNING",
        f"--host={urls[0]}",
    ]
    locust_env = dict(
        env,
        DYS_LOAD_SERVERS=",".join(urls),
        DYS_LOAD_CODE_OFFSET=str(code_offset),
        DYS_LOAD_SAMPLES=str(samples_path),
        DYS_LOAD_USERS=str(users),
        DYS_LOAD_SECONDS=str(args.seconds),
    )
    log = BENCH_DIR / f"locust-{users}.log"
    with log.open("wb") as output:
        # Locust exits 1 when any request failed: the figures say so, so that is not a crash.
        finished = subprocess.run(
            command, cwd=ROOT, env=locust_env, stdout=output, stderr=subprocess.STDOUT
        )
    if not samples_path.exists():
        raise SystemExit(f"Locust wrote no samples (exit {finished.returncode}); see {log}")
    recorded = json.loads(samples_path.read_text())
    step = _summary(users, recorded["samples"], args.seconds)
    # A user that failed outside a request (could not sign in) is counted, never hidden.
    step["user_errors"] = len(recorded["user_errors"])
    step["user_error_examples"] = sorted(set(recorded["user_errors"]))[:5]
    return step


def _summary(users: int, samples: list[list[Any]], seconds: int) -> dict[str, Any]:
    measured = [sample for sample in samples if sample[0] >= 0]
    if not measured:
        raise SystemExit(f"Nothing measured at {users} users: did every user sign in?")
    measured_seconds = max(at for at, _, _, _ in measured) or float(seconds)
    pages = [(name, ms, failed) for _, name, ms, failed in measured if name != SIGN_IN]
    sign_ins = sorted(ms for _, name, ms, _ in samples if name == SIGN_IN)
    times = sorted(ms for _, ms, _ in pages)
    errors = sum(1 for _, _, failed in pages if failed)
    by_page: dict[str, list[float]] = {}
    for name, ms, _ in pages:
        by_page.setdefault(name, []).append(ms)
    return {
        "users": users,
        "requests": len(pages),
        "measured_seconds": round(measured_seconds, 1),
        "requests_per_second": round(len(pages) / measured_seconds, 1),
        "p50_ms": _percentile(times, 50),
        "p95_ms": _percentile(times, 95),
        "p99_ms": _percentile(times, 99),
        "errors": errors,
        "error_rate": round(errors / len(pages), 4) if pages else 0.0,
        "sign_in_requests": len(sign_ins),
        "sign_in_request_p95_ms": _percentile(sign_ins, 95),
        "p95_ms_by_page": {
            name: _percentile(sorted(values), 95) for name, values in sorted(by_page.items())
        },
    }


def _percentile(ordered: list[float], percent: int) -> float:
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))
    return round(ordered[index], 1)


def _print_step(step: dict[str, Any]) -> None:
    print(
        f"  {step['users']} users: {step['requests']} requests "
        f"({step['requests_per_second']}/s), p50 {step['p50_ms']} ms, p95 {step['p95_ms']} ms, "
        f"p99 {step['p99_ms']} ms, errors {step['errors']} ({step['error_rate']:.2%})"
    )


def _start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    log = (BENCH_DIR / f"gunicorn-two-servers-{port}.log").open("wb")
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
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument(
        "--users",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[30, 90, 150],
        help="comma-separated simulated users, one step each (default 30,90,150)",
    )
    parser.add_argument("--seconds", type=int, default=60, help="measured seconds per step")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=0, help="the first server's port")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/dys_bench_two_servers",
        help="PostgreSQL; its name must contain 'bench' (it is dropped and re-created)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
