"""Subject access figures (issue 11): how long one person's copy takes and how big it is.

    .venv/bin/python bench/subject_access.py [--demo-database PATH] [--rebuild]

1. The demo: a fresh SQLite database with ``seed_demo`` (or a copy of ``--demo-database``, an
   already seeded one, to save the few minutes seeding takes). The richest demo person is the
   one with rows in the most registered models (then the most rows).
2. The 10,000-person data: a copy of ``var/bench/trust-scale.sqlite3`` (SQLite's online backup,
   so the original is only read), migrated; with ``--rebuild`` or without that file, built here
   (``bench/generate_scale.py`` and ``generate_scale_funds.py``). The person measured is the
   one with the most ledger entries, with a year of page views added to their audit log (one a
   working hour, about 2,000 rows) as a busy person's would hold.
3. For each, in a child process (Django reads its database from the environment): the copy made
   as the task makes it (``make_copy_now``: collect every registered model, the HTML summary,
   the PDF summary, the JSON, the ZIP, its SHA-256, stored privately), three times; the median
   time, each phase's time from a separate run, the ZIP's size, rows and peak memory.
4. Merges the figures into bench/results.json under "subject_access", keeping the other keys.
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
DEMO_DATABASE = BENCH_DIR / "subject-access-demo.sqlite3"
SCALE_DATABASE = BENCH_DIR / "subject-access-scale.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "subject_access"
RUNS = 3
# A year of working hours: one page view of the person an hour, 8 a day, 250 days.
AUDIT_ROWS_A_YEAR = 2_000


def main() -> None:
    args = _arguments()
    if args.step:
        print(json.dumps(_measure(args.step)))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")

    results = _earlier_results(args.results) if args.only else {}
    if args.only in (None, "demo"):
        results["richest_demo_person"] = _demo(python, args)
    if args.only in (None, "scale"):
        results["scale_person"] = _scale(python, args)
    results.update(
        {
            "database": "sqlite",
            "runs_each": RUNS,
            "load_average_1_5_15_min": [list(load_at_start), list(os.getloadavg())],
            "machine": machine_facts(),
        }
    )
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)


def _demo(python: str, args: argparse.Namespace) -> dict[str, Any]:
    demo_env = _env(DEMO_DATABASE, "subject-access-demo")
    _fresh_database(demo_env["DATABASE_URL"])
    if args.demo_database:
        print(f"Copying the seeded demo {args.demo_database} to {DEMO_DATABASE} ...")
        _copy_sqlite(args.demo_database, DEMO_DATABASE)
        # The photos and graphic recordings its rows name, from the seeded demo's var folder.
        seeded_files = args.demo_database.parent / "private"
        if seeded_files.is_dir():
            shutil.copytree(seeded_files, Path(demo_env["DJANGO_VAR_DIR"]) / "private")
        _manage(python, demo_env, "migrate", "--noinput", "-v0")
        source = "copied seeded demo"
    else:
        print(f"Seeding the demo into {DEMO_DATABASE} ...")
        _manage(python, demo_env, "migrate", "--noinput", "-v0")
        _manage(python, demo_env, "seed_demo")
        source = "seed_demo"
    print("Measuring the richest demo person's copy ...")
    return {"data": source, **_child(python, demo_env, "demo")}


def _scale(python: str, args: argparse.Namespace) -> dict[str, Any]:
    scale_env = _env(SCALE_DATABASE, "subject-access-scale")
    _fresh_database(scale_env["DATABASE_URL"])
    if SCALE_SOURCE.exists() and not args.rebuild:
        print(f"Copying {SCALE_SOURCE} to {SCALE_DATABASE} ...")
        _copy_sqlite(SCALE_SOURCE, SCALE_DATABASE)
        source = str(SCALE_SOURCE.relative_to(ROOT))
    else:
        print(f"Filling {SCALE_DATABASE} with {args.people:,} people and their ISFs ...")
        _manage(python, scale_env, "migrate", "--noinput", "-v0")
        _generate(python, scale_env, "generate_scale", f"--people={args.people}")
        _generate(python, scale_env, "generate_scale_funds", f"--months={args.months}")
        source = "generated"
    _manage(python, scale_env, "migrate", "--noinput", "-v0")
    print("Measuring the copy of a person in the 10,000-person data ...")
    return {"data": source, **_child(python, scale_env, "scale")}


def _earlier_results(path: Path) -> dict[str, Any]:
    """The figures of the part not measured this time, kept from the last run."""
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text()).get(RESULTS_KEY, {}))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo-database", type=Path, help="an already seeded demo to copy")
    parser.add_argument("--people", type=int, default=10_000, help="only when building the data")
    parser.add_argument("--months", type=int, default=7, help="only when building the data")
    parser.add_argument("--rebuild", action="store_true", help="build the data, do not copy it")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--only", choices=["demo", "scale"], help="measure one, keep the other")
    parser.add_argument("--step", choices=["demo", "scale"], help=argparse.SUPPRESS)
    return parser.parse_args()


def _env(database: Path, var_name: str) -> dict[str, str]:
    env = _django_env(f"sqlite:///{database}")
    # The copies are kept in this benchmark's own private folder, never the demo's.
    var_dir = BENCH_DIR / var_name
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env["DJANGO_VAR_DIR"] = str(var_dir)
    return env


def _child(python: str, env: dict[str, str], step: str) -> Any:
    child = subprocess.run(
        [python, str(Path(__file__)), "--step", step],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _measure(step: str) -> dict[str, Any]:
    import django

    django.setup()
    from directsupport.accounts.models import User
    from directsupport.accounts.roles import Role
    from directsupport.people.models import Person

    person = _richest_demo_person() if step == "demo" else _scale_person()
    coordinator = (
        User.objects.filter(organisation=person.organisation, role=Role.COORDINATOR)
        .order_by("pk")
        .first()
    )
    if coordinator is None:
        raise SystemExit("No coordinator in the person's organisation to make the copy.")
    added_audit_rows = 0 if step == "demo" else _add_a_years_page_views(person, coordinator)
    phases = _phases(person, coordinator)
    times = []
    cpu_times = []
    sizes = []
    for _ in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        sar = _make_copy(person, coordinator)
        times.append(time.perf_counter() - started)
        # CPU time too: on a machine shared with other work, the wall clock is mostly waiting.
        cpu_times.append(time.process_time() - cpu_started)
        sizes.append(sar.file_size)
    return {
        "person_id": person.pk,
        "people_in_database": Person.objects.count(),
        "audit_rows_added_for_them": added_audit_rows,
        "seconds_median": round(statistics.median(times), 3),
        "seconds_each": [round(t, 3) for t in times],
        "cpu_seconds_median": round(statistics.median(cpu_times), 3),
        "zip_bytes": sizes[-1],
        "phases_seconds": phases["seconds"],
        "rows": phases["rows"],
        "rows_total": sum(phases["rows"].values()),
        "files_in_zip": phases["files"],
        "peak_memory_mb": _peak_memory_mb(),
    }


def _richest_demo_person() -> Any:
    from directsupport.lib.person_records import registered
    from directsupport.people.models import Person

    def richness(person: Person) -> tuple[int, int]:
        counts = [entry.rows_for(person.pk).count() for entry in registered()]
        return (sum(1 for n in counts if n), sum(counts))

    return max(Person.objects.all(), key=richness)


def _scale_person() -> Any:
    from django.db.models import Count

    from directsupport.funds.models import LedgerEntry
    from directsupport.people.models import Person

    busiest = (
        LedgerEntry.objects.values("fund__person")
        .annotate(entries=Count("pk"))
        .order_by("-entries", "fund__person")
        .first()
    )
    if busiest is None:
        return Person.objects.order_by("pk").first()
    return Person.objects.get(pk=busiest["fund__person"])


def _add_a_years_page_views(person: Any, viewer: Any) -> int:
    import datetime as dt

    from directsupport.audit.models import Action, AuditEvent

    start = dt.datetime(2025, 12, 1, 9, tzinfo=dt.UTC)
    rows = [
        AuditEvent(
            at=start + dt.timedelta(hours=n * 4),
            actor=viewer,
            actor_label=viewer.email,
            actor_role=viewer.role,
            organisation_id=viewer.organisation_id,
            person_id=person.pk,
            subject_type="people.person",
            subject_id=str(person.pk),
            action=Action.VIEW,
            summary="Looked at the person's page",
            ip_address="10.0.0.8",
            path=f"/people/{person.pk}/",
        )
        for n in range(AUDIT_ROWS_A_YEAR)
    ]
    AuditEvent.objects.bulk_create(rows, batch_size=1_000)
    return len(rows)


def _phases(person: Any, coordinator: Any) -> dict[str, Any]:
    """Each part of making the copy timed on its own (collecting, summary, PDF, the ZIP)."""
    import tempfile

    from django.template.loader import render_to_string
    from django.utils import timezone

    from directsupport.subject_access import export

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    sections = export.collect(person)
    seconds["collect_rows"] = time.perf_counter() - started
    context = {
        "person": person,
        "sections": sections,
        "produced_by": coordinator,
        "produced_at": timezone.now(),
        "row_slice": f":{export.PDF_ROWS_PER_SECTION}",
    }
    started = time.perf_counter()
    render_to_string("subject_access/export/summary.html", context)
    seconds["html_summary"] = time.perf_counter() - started
    started = time.perf_counter()
    export._summary_pdf(person, sections, context)
    seconds["pdf_summary"] = time.perf_counter() - started
    started = time.perf_counter()
    with tempfile.TemporaryFile() as scratch:
        result = export.write_zip(
            scratch,
            person=person,
            sections=sections,
            produced_by=coordinator,
            produced_at=timezone.now(),
            request_id=None,
            with_pdf=False,
        )
    seconds["zip_without_pdf"] = time.perf_counter() - started
    return {
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "rows": {s.entry.key: len(s.rows) for s in sections if s.rows},
        "files": len(result.files) + 2,  # and the PDF and the manifest
    }


def _make_copy(person: Any, coordinator: Any) -> Any:
    from django.utils import timezone

    from directsupport.subject_access.models import RequestedBy
    from directsupport.subject_access.services import make_copy_now, record_request

    sar = record_request(
        actor=coordinator,
        person=person,
        received_on=timezone.localdate(),
        requested_by=RequestedBy.PERSON,
        notes="Benchmark",
    )
    return make_copy_now(actor=coordinator, sar=sar)


def _peak_memory_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _print(results: dict[str, Any]) -> None:
    for name in ("richest_demo_person", "scale_person"):
        figures = results.get(name)
        if not figures:
            continue
        print(
            f"{name}: person {figures['person_id']} of {figures['people_in_database']:,}, "
            f"{figures['rows_total']:,} rows, {figures['seconds_median']} s median, "
            f"ZIP {figures['zip_bytes']:,} bytes; phases {figures['phases_seconds']}"
        )


if __name__ == "__main__":
    main()
