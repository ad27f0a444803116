"""Retention figures (issue 11): the daily review and one destruction at 10,000 people.

    .venv/bin/python bench/retention.py [--rebuild]

1. A copy of ``var/bench/trust-scale.sqlite3`` (SQLite's online backup, so the original is only
   read), migrated; with ``--rebuild`` or without that file, built here
   (``bench/generate_scale.py`` and ``generate_scale_funds.py``).
2. In a child process: every 100th person's support is marked as ended 9 years ago (so their
   care, audit and sign-in records and their circle's contact details are past their time), and
   one of them has their fund's ledger moved back 9 years (in audit maintenance, as only a
   benchmark may), so their money records are due too.
3. Measured: the review list for the provider (``due_for_review``, what the review page and the
   nightly task work out), three times; then destroying everything held about the person with
   the old ledger in one go (``destroy``: the plan, the dependency checks, forgetting the chained
   rows' hashes, the deletes and the database's own link check).
4. Merges the figures into bench/results.json under "retention", keeping the other keys.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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
SCALE_SOURCE = BENCH_DIR / "trust-scale.sqlite3"
SCALE_DATABASE = BENCH_DIR / "retention-scale.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "retention"
RUNS = 3
ENDED_EVERY = 100
YEARS_AGO = 9


def main() -> None:
    args = _arguments()
    if args.step:
        print(json.dumps(_measure()))
        return
    load_at_start = os.getloadavg()
    python = _tool("python")
    env = _django_env(f"sqlite:///{SCALE_DATABASE}")
    var_dir = BENCH_DIR / "retention-scale"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env["DJANGO_VAR_DIR"] = str(var_dir)
    _fresh_database(env["DATABASE_URL"])
    if SCALE_SOURCE.exists() and not args.rebuild:
        print(f"Copying {SCALE_SOURCE} to {SCALE_DATABASE} ...")
        _copy_sqlite(SCALE_SOURCE, SCALE_DATABASE)
        source = str(SCALE_SOURCE.relative_to(ROOT))
    else:
        print(f"Filling {SCALE_DATABASE} with {args.people:,} people and their ISFs ...")
        _manage(python, env, "migrate", "--noinput", "-v0")
        _generate(python, env, "generate_scale", f"--people={args.people}")
        _generate(python, env, "generate_scale_funds", f"--months={args.months}")
        source = "generated"
    _manage(python, env, "migrate", "--noinput", "-v0")
    print("Measuring the review and a destruction ...")
    child = subprocess.run(
        [python, str(Path(__file__)), "--step"],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    results = {
        "data": source,
        **json.loads(child.stdout.strip().splitlines()[-1]),
        "database": "sqlite",
        "load_average_1_5_15_min": [list(load_at_start), list(os.getloadavg())],
        "machine": machine_facts(),
    }
    write_results(args.results, results, key=RESULTS_KEY)
    print(json.dumps(results, indent=2))


def _measure() -> dict[str, Any]:
    import datetime as dt

    import django

    django.setup()
    from django.db.models import Max
    from django.utils import timezone

    from directsupport.accounts.models import User
    from directsupport.accounts.roles import Role
    from directsupport.audit.maintenance import audit_maintenance
    from directsupport.funds.models import Fund, LedgerEntry, LedgerTransaction
    from directsupport.people.models import Person
    from directsupport.retention.destruction import destroy
    from directsupport.retention.holdings import holdings
    from directsupport.retention.review import due_for_review
    from directsupport.retention.schedule import TARGET_ORDER, add_years

    today = timezone.localdate()
    ended_on = add_years(today, -YEARS_AGO)
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    ended = people[::ENDED_EVERY]
    Person.objects.filter(pk__in=ended).update(support_ended_on=ended_on)
    # The one whose fund is richest in entries gets a ledger from 9 years ago.
    fund = (
        Fund.objects.filter(person_id__in=ended)
        .annotate(last=Max("transactions__effective_on"))
        .order_by("-last", "pk")
        .first()
    )
    if fund is None:
        raise SystemExit("None of the people marked as ended has a fund.")
    shift = dt.timedelta(days=(today - ended_on).days)
    with audit_maintenance():
        for model in (LedgerTransaction, LedgerEntry):
            for row in model.objects.filter(fund=fund).only("pk", "effective_on"):
                model.objects.filter(pk=row.pk).update(effective_on=row.effective_on - shift)
    person = Person.objects.get(pk=fund.person_id)
    organisation_id = person.organisation_id

    times = []
    due_people = due_items = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        found = due_for_review(organisation_id, today)
        times.append(time.perf_counter() - started)
        due_people = sum(1 for entry in found if entry.due)
        due_items = sum(len(entry.due) for entry in found)

    manager = User.objects.filter(organisation_id=organisation_id, role=Role.MANAGER).first()
    if manager is None:
        raise SystemExit("No manager in the person's organisation.")
    rows_held = {item.target.value: item.rows for item in holdings(person)}
    started = time.perf_counter()
    logs = destroy(
        actor=manager,
        person_id=person.pk,
        targets=[target for target in TARGET_ORDER if rows_held[target.value]],
        reason="Benchmark",
    )
    destroy_seconds = time.perf_counter() - started
    return {
        "people_in_database": len(people),
        "people_marked_ended": len(ended),
        "review_seconds_median": round(statistics.median(times), 3),
        "review_seconds_each": [round(t, 3) for t in times],
        "people_due": due_people,
        "kinds_due": due_items,
        "destroyed_person_id": person.pk,
        "destroyed_rows_by_kind": {log.target: log.rows_destroyed for log in logs},
        "destroy_seconds": round(destroy_seconds, 3),
    }


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="only when building the data")
    parser.add_argument("--months", type=int, default=7, help="only when building the data")
    parser.add_argument("--rebuild", action="store_true", help="build the data, do not copy it")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--step", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
