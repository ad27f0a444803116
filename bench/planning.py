"""Planning Live figures (issue 3): Plan Book PDFs, one and a batch of 55, and page queries.

    .venv/bin/python bench/planning.py [--runs 7] [--workers 2]   (part of `make bench`)

1. Makes a throwaway SQLite database in var/bench/ (private files beside it), migrates it and
   loads the demo (``manage.py seed_demo``: 55 people with three Planning Live days, rich
   notes, tools, outcomes, graphic recordings and Plan Books at different versions).
2. Renders Dee Okafor's latest Plan Book (standard and easy read in one PDF, as downloaded)
   ``--runs`` times after a warm-up, and each part alone: median, pages, bytes (target: under
   1.5 s median).
3. Asks for the Plan Books of all 55 demo people as one batch, exactly as in production: the
   tasks go into the database queue and ``--workers`` ``manage.py db_worker`` processes make
   them; timed from asking until the zip is ready (target: under 90 s).
4. Counts the queries of the Plan Book page and the capture board for the demo people with the
   fewest and the most notes, signed in through the real pages: the counts must not grow with
   the number of notes.
5. Merges the figures into bench/results.json under "planning", keeping the other keys.

The machine is shared: its load average at the start and end is recorded with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import git_output, machine_facts, write_results  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "planning.sqlite3"
FILES_DIR = BENCH_DIR / "planning"
WORKER_LOG = BENCH_DIR / "planning-workers.log"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "planning"
SINGLE_PERSON = ("Dee", "Okafor")
TARGET_SINGLE_SECONDS = 1.5
TARGET_BATCH_SECONDS = 90.0
BATCH_TIMEOUT_SECONDS = 900


def main() -> None:
    args = _arguments()
    load_at_start = os.getloadavg()
    env = _django()
    from django.core.management import call_command

    print(f"Loading the demo into {DATABASE} ...")
    started = time.perf_counter()
    call_command("migrate", "--noinput", "-v0")
    call_command("seed_demo", "-v0")
    seed_seconds = time.perf_counter() - started

    print("Counting queries per page for the people with the fewest and the most notes ...")
    queries = _query_counts()
    print(f"Rendering one Plan Book PDF {args.runs} times (after a warm-up) ...")
    single = _single(runs=args.runs)
    print(f"Making every demo person's Plan Book as one batch, {args.workers} task workers ...")
    batch = _batch(env, workers=args.workers)

    figures = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": git_output("rev-parse", "HEAD"),
        "git_uncommitted_changes": bool(git_output("status", "--porcelain")),
        "machine": {
            **machine_facts(),
            "load_average_1_5_15_min": {
                "at_start": [round(x, 2) for x in load_at_start],
                "at_end": [round(x, 2) for x in os.getloadavg()],
            },
        },
        "software": _software(),
        "data": {
            "source": "the demo (manage.py seed_demo) in a throwaway SQLite database",
            "seed_seconds": round(seed_seconds, 1),
        },
        "pdf": "WeasyPrint, PDF/UA-1 (tagged), fonts embedded (Atkinson Hyperlegible subsets)",
        "queries_per_page": queries,
        "single_plan_book": single,
        "batch": batch,
    }
    write_results(args.results, figures, key=RESULTS_KEY)
    _print(figures)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed renders of one Plan Book")
    parser.add_argument(
        "--workers",
        type=int,
        default=max(1, min(os.cpu_count() or 1, 4)),
        help="db_worker processes making the batch (default: one per core)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.runs < 1 or args.workers < 1:
        parser.error("--runs and --workers must be at least 1")
    return args


def _django() -> dict[str, str]:
    """Django on a fresh throwaway database, as in production: DEBUG off, tasks queued in the
    database for worker processes. Returns the environment the workers need."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(FILES_DIR, ignore_errors=True)  # the last run's photos, PDFs and zips
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.update(
        {
            "DJANGO_ENV": "development",
            "DJANGO_SETTINGS_MODULE": "directsupport.settings",
            "DATABASE_URL": f"sqlite:///{DATABASE}",
            "DJANGO_VAR_DIR": str(FILES_DIR),
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONWARNINGS": "ignore",
        }
    )
    import django

    django.setup()
    return dict(os.environ)


COORDINATOR = "priya.shah@willowbrook.example"


def _query_counts() -> dict[str, Any]:
    """Queries of each planning page for the demo people with the fewest and the most notes,
    as the coordinator signed in through the real pages (after one unmeasured request)."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directsupport.demo.credentials import DEMO_PASSWORD, demo_backup_codes
    from directsupport.people.models import Person

    client = Client(raise_request_exception=False)
    client.post("/account/sign-in/", {"username": COORDINATOR, "password": DEMO_PASSWORD})
    passed = client.post("/account/two-factor/", {"code": demo_backup_codes(COORDINATOR)[0]})
    if passed.status_code != 302:
        raise SystemExit(f"Could not sign in as {COORDINATOR}: {passed.status_code}")
    # Only people whose Plan Book is at the same point (one version, published), so what
    # differs between the two ends is the number of notes.
    people = (
        Person.objects.annotate(
            notes=Count("capture_notes", distinct=True),
            versions=Count("plan_book_versions", distinct=True),
        )
        .filter(versions=1, plan_book_versions__status="published")
        .order_by("notes", "pk")
    )
    ends = {"fewest_notes": people.first(), "most_notes": people.last()}
    pages = {
        "plan_book_page": "/planning/people/{pk}/plan-book/{number}/",
        "plan_book_easy_read": "/planning/people/{pk}/plan-book/{number}/easy-read/",
        "capture_board": "/planning/people/{pk}/planning-live/",
        "tools_overview": "/planning/people/{pk}/tools/",
    }
    counts: dict[str, Any] = {}
    for end, person in ends.items():
        if person is None:
            raise SystemExit("No demo people: seed_demo did not run.")
        number = person.plan_book_versions.order_by("-number").values_list("number", flat=True)[0]
        measured: dict[str, Any] = {"person_id": person.pk, "notes": person.notes}
        for name, pattern in pages.items():
            path = pattern.format(pk=person.pk, number=number)
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            measured[name] = {"status": response.status_code, "queries": len(captured)}
        counts[end] = measured
    counts["constant_in_notes"] = all(
        counts["fewest_notes"][name]["queries"] == counts["most_notes"][name]["queries"]
        for name in pages
    )
    return counts


def _timed(render: Any, runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = render()
        times.append(time.perf_counter() - started)
    return times, result


def _single(*, runs: int) -> dict[str, Any]:
    from directsupport.planbook.models import PlanBookVersion
    from directsupport.planbook.pdf.render import PlanBookPart, render_plan_book_pdf

    called, last_name = SINGLE_PERSON
    version = (
        PlanBookVersion.objects.select_related("person")
        .filter(person__preferred_name=called, person__last_name=last_name)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise SystemExit(f"The demo has no Plan Book for {called} {last_name}.")
    started = time.perf_counter()
    render_plan_book_pdf(version, show_circle=True)  # loads the fonts once for the process
    first_seconds = time.perf_counter() - started
    times, pdf = _timed(lambda: render_plan_book_pdf(version, show_circle=True), runs)
    cpu_started = time.process_time()
    render_plan_book_pdf(version, show_circle=True)
    cpu_seconds = time.process_time() - cpu_started
    parts = {}
    for part in (PlanBookPart.STANDARD, PlanBookPart.EASY_READ):
        part_times, part_pdf = _timed(
            lambda part=part: render_plan_book_pdf(version, part=part, show_circle=True), 3
        )
        parts[part.value] = {
            "median_seconds": round(statistics.median(part_times), 3),
            "pages": part_pdf.pages,
            "bytes": len(part_pdf.content),
        }
    median = statistics.median(times)
    return {
        "what": f"{called} {last_name}'s Plan Book version {version.number} "
        f"({version.status}), standard + easy read in one PDF, as downloaded",
        "runs": runs,
        "median_seconds": round(median, 3),
        "min_seconds": round(min(times), 3),
        "max_seconds": round(max(times), 3),
        "all_seconds": [round(t, 3) for t in times],
        "cpu_seconds_one_render": round(cpu_seconds, 3),
        "first_render_seconds_with_font_loading": round(first_seconds, 3),
        "pages": pdf.pages,
        "bytes": len(pdf.content),
        "milliseconds_per_page": round(1000 * median / pdf.pages, 1),
        "parts_alone": parts,
        "target": f"median under {TARGET_SINGLE_SECONDS} s",
        "target_met": median < TARGET_SINGLE_SECONDS,
    }


def _batch(env: dict[str, str], *, workers: int) -> dict[str, Any]:
    from django.core.files.storage import storages

    from directsupport.accounts.models import User
    from directsupport.accounts.roles import Role
    from directsupport.people.models import Person
    from directsupport.planbook.batch.services import request_batch, start_batch
    from directsupport.planbook.models import PlanBookBatch
    from directsupport.planning.models import EventParticipant, PlanningEvent

    manager = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("pk").first()
    if manager is None:
        raise SystemExit("The demo has no manager to ask for the batch.")
    people = Person.objects.filter(organisation_id=manager.organisation_id)
    event = PlanningEvent.objects.create(
        organisation_id=manager.organisation_id,
        title="Everyone (benchmark)",
        date=dt.date.today(),
        venue_name="Benchmark",
        venue_address="Nowhere",
        venue_access="Not a real event",
        created_by=manager,
    )
    EventParticipant.objects.bulk_create(
        EventParticipant(event=event, person=person) for person in people
    )
    started = time.perf_counter()
    batch = request_batch(actor=manager, event=event)
    # The start task's own work, here rather than in a worker, so that every worker finds the
    # people's tasks already queued (a worker started with --batch stops when the queue is
    # empty). The queued start task then finds the batch started and does nothing.
    start_batch(batch_id=batch.pk)
    with WORKER_LOG.open("wb") as log:
        processes = [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for _ in range(workers)
        ]
        try:
            for process in processes:
                process.wait(timeout=BATCH_TIMEOUT_SECONDS)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
    seconds = time.perf_counter() - started
    batch = PlanBookBatch.objects.get(pk=batch.pk)
    pages = _pages_in_zip(storages["private"], batch.file.name) if batch.file else []
    return {
        "what": "every demo person's latest Plan Book (standard + easy read) into one zip: "
        f"start_batch, then {workers} `manage.py db_worker` processes, one task per person",
        "workers": workers,
        "people": batch.total,
        "made": batch.done,
        "status": batch.status,
        "error": batch.error,
        "seconds": round(seconds, 1),
        "seconds_per_person": round(seconds / max(batch.total, 1), 2),
        "zip_bytes": storages["private"].size(batch.file.name) if batch.file else 0,
        "pages_per_plan_book": {
            "min": min(pages, default=0),
            "median": statistics.median(pages) if pages else 0,
            "max": max(pages, default=0),
            "total": sum(pages),
        },
        "target": f"under {TARGET_BATCH_SECONDS:.0f} s for the 55 demo people",
        "target_met": seconds < TARGET_BATCH_SECONDS and batch.status == "done",
    }


def _pages_in_zip(storage: Any, name: str) -> list[int]:
    from pypdf import PdfReader

    with storage.open(name, "rb") as handle, zipfile.ZipFile(handle) as archive:
        return [
            len(PdfReader(io.BytesIO(archive.read(entry))).pages) for entry in archive.namelist()
        ]


def _software() -> dict[str, str]:
    import django
    import pydyf
    import weasyprint

    return {
        "weasyprint": weasyprint.__version__,
        "pydyf": pydyf.__version__,
        "django": django.get_version(),
    }


def _print(figures: dict[str, Any]) -> None:
    machine, single, batch = figures["machine"], figures["single_plan_book"], figures["batch"]
    load = machine["load_average_1_5_15_min"]
    print()
    print(
        f"Plan Book PDFs on {machine['cores']} cores ({machine['cpu']}), load average "
        f"{load['at_start']} at start, {load['at_end']} at end"
    )
    print(
        f"One Plan Book (standard + easy read): median {single['median_seconds']} s over "
        f"{single['runs']} runs (min {single['min_seconds']}, max {single['max_seconds']}), "
        f"{single['pages']} pages, {single['bytes']:,} bytes: "
        f"{'MET' if single['target_met'] else 'MISSED'} (< {TARGET_SINGLE_SECONDS} s)"
    )
    for part, figures_for_part in single["parts_alone"].items():
        print(
            f"  {part} alone: median {figures_for_part['median_seconds']} s, "
            f"{figures_for_part['pages']} pages"
        )
    pages = batch["pages_per_plan_book"]
    print(
        f"Batch of {batch['people']} with {batch['workers']} workers: {batch['seconds']} s "
        f"({batch['seconds_per_person']} s each), {batch['status']}, zip "
        f"{batch['zip_bytes']:,} bytes, {pages['min']}-{pages['max']} pages each (median "
        f"{pages['median']}): {'MET' if batch['target_met'] else 'MISSED'} "
        f"(< {TARGET_BATCH_SECONDS:.0f} s)"
    )


if __name__ == "__main__":
    main()
