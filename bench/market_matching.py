"""The Right Support at scale (issue 10): matching every need of 10,000 people, about 20 needs
each, against a directory of 2,000 suppliers; and the borough's gaps.

    .venv/bin/python bench/market_matching.py [--people 10000] [--needs 20] [--suppliers 2000]
                                              [--reuse-database]

1. Makes a throwaway SQLite database in var/bench/ (kept for ``--reuse-database`` re-runs, as
   bench/run.py does): ``--people`` people (``bench/generate_scale.py``), an ISF with an
   agreement in force for each (``bench/generate_scale_funds.py --months=2``: matching checks
   prices against what is left of the money), ``--suppliers`` suppliers in the scale provider's
   directory (bench/scale_market.py's ``generate_suppliers``, about three services each) and
   about ``--needs`` needs a person (``generate_needs`` below: kinds of support and activities,
   days, times, districts, what the person asked for in a worker, some every other week).
2. In a child process (Django reads its database from the environment), timed separately:
   loading the directory and every need as plain data (matching.facts); what is left of each
   person's money (needs.money.support_money, once a person, as the match page asks); ranking
   every need with its reasons (matching.ranking.Ranker) — the matching itself; the borough's
   market view with its gaps (matching.gaps.market_view, as the page and the market shaper's
   home ask); and one need's whole ranking as its page asks for it (for_need.ranking_for),
   for a sample of needs.
3. Merges the figures into bench/results.json under "market_matching": total time and per
   person for each step, candidates and gaps found, machine and load.
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

from bench.report import machine_facts, write_results  # noqa: E402
from bench.run import _django_env, _fresh_database, _generate, _manage, _tool  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "market-matching.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
RESULTS_KEY = "market_matching"
PAGE_SAMPLE = 200
BATCH = 5000

# Kinds a need asks for, roughly as often as Perfect Weeks and outcomes ask for them.
NEED_TERMS = (
    ("community-access", 30),
    ("personal-care", 14),
    ("help-at-home", 12),
    ("travel-support", 8),
    ("emotional-support", 4),
    ("waking-night", 3),
    ("sleep-in", 3),
    ("swimming", 4),
    ("sport-fitness", 4),
    ("arts-crafts", 3),
    ("music-drama", 3),
    ("cooking-skills", 3),
    ("gardening", 2),
    ("work-volunteering", 3),
    ("learning", 2),
    ("social-clubs", 3),
    ("day-opportunities", 3),
)
NIGHT_TERMS = {"waking-night", "sleep-in"}
HOLLOWFIELD = ("HF1", "HF2", "HF3", "HF4", "HF5", "HF6", "HF7")
LANGUAGES = ("Punjabi", "Urdu", "Polish", "Bengali", "Somali", "Yoruba")
SKILLS = ("Makaton", "autism", "epilepsy", "positive behaviour support")
INTERESTS = ("music", "football", "gardening", "cooking", "art", "swimming")


def main() -> None:
    args = _arguments()
    if args.fill:
        _fill(args)
        return
    if args.measure:
        print(json.dumps(_measure(args)))
        return
    load_at_start = os.getloadavg()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    python = _tool("python")
    env = _django_env(f"sqlite:///{DATABASE}")
    env["DJANGO_VAR_DIR"] = str(BENCH_DIR / "market-matching")
    child = dict(env, DJANGO_SETTINGS_MODULE="directsupport.settings")
    generate_seconds = None
    if not (args.reuse_database and DATABASE.exists()):
        print(
            f"Filling {DATABASE} with {args.people:,} people, their ISFs, {args.suppliers:,} "
            f"suppliers and about {args.needs} needs a person ..."
        )
        started = time.perf_counter()
        _fresh_database(env["DATABASE_URL"])
        _manage(python, env, "migrate", "--noinput", "-v0")
        _generate(python, env, "generate_scale", f"--people={args.people}", "-v0")
        _generate(python, env, "generate_scale_funds", "--months=2", "-v0")
        subprocess.run(
            [python, str(Path(__file__)), "--fill", *_passed(args)], cwd=ROOT, env=child, check=True
        )
        generate_seconds = round(time.perf_counter() - started, 1)

    print("Matching every need ...")
    measured = subprocess.run(
        [python, str(Path(__file__)), "--measure", *_passed(args)],
        cwd=ROOT,
        env=child,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = dict(json.loads(measured.stdout.strip().splitlines()[-1]))
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_facts(),
        "load_average_1_5_15_min": {
            "at_start": [round(x, 2) for x in load_at_start],
            "at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "database": "SQLite, var/bench/market-matching.sqlite3",
        "generate_seconds": generate_seconds,
        **figures,
    }
    write_results(args.results, results, key=RESULTS_KEY)
    _print(results)
    print(f"Written to {args.results} under {RESULTS_KEY!r}.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--needs", type=int, default=20, help="needs a person, on average")
    parser.add_argument("--suppliers", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--reuse-database", action="store_true", help="keep the filled database of a last run"
    )
    # Internal: the child processes that fill the database and measure.
    parser.add_argument("--fill", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _passed(args: argparse.Namespace) -> list[str]:
    return [
        f"--people={args.people}",
        f"--needs={args.needs}",
        f"--suppliers={args.suppliers}",
        f"--seed={args.seed}",
    ]


# --- Filling ---------------------------------------------------------------------------------


def _fill(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from bench.scale_market import generate_suppliers

    made = generate_suppliers(args.suppliers, seed=args.seed)
    print(f"{made.suppliers:,} suppliers, {made.services:,} services in {made.seconds} s.")
    started = time.perf_counter()
    needs = generate_needs(per_person=args.needs, seed=args.seed)
    print(f"{needs:,} needs in {time.perf_counter() - started:.1f} s.")


def generate_needs(*, per_person: int, seed: int) -> int:
    """About ``per_person`` needs for every scale person (between half and one and a half
    times as many), in Hollowfield's districts, with bulk_create: what the Perfect Week and the
    outcomes would draw, without drawing 10,000 weeks one by one."""
    import datetime as dt

    from django.db import transaction

    from bench.scale import SCALE_PROVIDER
    from directsupport.market.models import NeedSource, NeedStatus, PostcodeDistrict, SupportNeed
    from directsupport.market.taxonomy import ensure_standard_terms
    from directsupport.people.models import Person

    rng = random.Random(seed)
    terms = ensure_standard_terms()
    districts = list(PostcodeDistrict.objects.filter(code__in=HOLLOWFIELD))
    codes, weights = zip(*NEED_TERMS, strict=True)
    people = list(
        Person.objects.filter(organisation__name=SCALE_PROVIDER).values_list("pk", flat=True)
    )
    made = 0
    batch: list[SupportNeed] = []
    with transaction.atomic():
        for person_id in people:
            home = rng.choice(districts)
            for _ in range(rng.randint(per_person // 2, per_person + per_person // 2)):
                code = rng.choices(codes, weights=weights)[0]
                night = code in NIGHT_TERMS
                start = dt.time(22) if night else dt.time(rng.randint(7, 20), rng.choice((0, 30)))
                hours = 9 if night else rng.choice((1, 1, 2, 2, 2, 3, 4))
                end_hour = (start.hour + hours) % 24
                ratio = rng.choices(("one_to_one", "two_to_one", "shared"), (85, 5, 10))[0]
                workers = 2 if ratio == "two_to_one" else 1
                shared_by = 3 if ratio == "shared" else None
                every_other = rng.random() < 0.1
                batch.append(
                    SupportNeed(
                        person_id=person_id,
                        source=NeedSource.WEEK if code in codes[:7] else NeedSource.OUTCOME,
                        what=terms[code].name,
                        term=terms[code],
                        weekday=rng.randrange(7),
                        starts_at=start,
                        ends_at=dt.time(end_hour, start.minute),
                        overnight=night or end_hour < start.hour,
                        fixed=rng.random() < 0.8,
                        recurrence="FREQ=WEEKLY;INTERVAL=2" if every_other else "",
                        minutes_a_week=hours
                        * 60
                        * workers
                        // (shared_by or 1)
                        // (2 if every_other else 1),
                        district=home if rng.random() < 0.8 else rng.choice(districts),
                        ratio=ratio,
                        shared_by=shared_by,
                        wanted_languages=[rng.choice(LANGUAGES)] if rng.random() < 0.2 else [],
                        wanted_skills=[rng.choice(SKILLS)] if rng.random() < 0.3 else [],
                        wanted_interests=[rng.choice(INTERESTS)] if rng.random() < 0.3 else [],
                        wanted_gender=rng.choice(("women", "men")) if rng.random() < 0.2 else "",
                        status=NeedStatus.OPEN,
                    )
                )
                if len(batch) >= BATCH:
                    made += len(SupportNeed.objects.bulk_create(batch))
                    batch = []
        made += len(SupportNeed.objects.bulk_create(batch))
    return made


# --- Measuring -------------------------------------------------------------------------------


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.utils import timezone

    from bench.scale import SCALE_PROVIDER
    from directsupport.market.matching.facts import load_directory, load_needs
    from directsupport.market.matching.for_need import ranking_for
    from directsupport.market.matching.gaps import market_view
    from directsupport.market.matching.ranking import Ranker
    from directsupport.market.models import Service, Supplier, SupportNeed
    from directsupport.market.needs.money import support_money
    from directsupport.market.preferred.queries import preferred_supplier_ids
    from directsupport.people.models import Person

    today = timezone.localdate()
    people = list(Person.objects.filter(organisation__name=SCALE_PROVIDER).order_by("pk"))
    provider_id = people[0].organisation_id
    needs_query = SupportNeed.objects.filter(person__organisation_id=provider_id)

    started = time.perf_counter()
    directory = load_directory(provider_id, today)
    preferred = frozenset(preferred_supplier_ids(provider_id))
    directory_seconds = time.perf_counter() - started
    started = time.perf_counter()
    needs = load_needs(needs_query)
    needs_seconds = time.perf_counter() - started

    # What is left of each person's money, as the match page asks for one person.
    started = time.perf_counter()
    left: dict[int, int | None] = {}
    for person in people:
        left[person.pk] = support_money(person, today).weekly.not_yet_promised_pence
    money_seconds = time.perf_counter() - started

    started = time.perf_counter()
    ranker = Ranker(directory, preferred_supplier_ids=preferred)
    candidates = reasons = gaps = 0
    for need in needs:
        ranking = ranker.rank(need, pence_left_a_week=left.get(need.person_id))
        candidates += len(ranking.candidates)
        reasons += sum(len(candidate.reasons) for candidate in ranking.candidates)
        gaps += ranking.is_gap
    ranking_seconds = time.perf_counter() - started

    started = time.perf_counter()
    view = market_view(needs_query, today)
    view_seconds = time.perf_counter() - started
    if view.gaps != gaps:
        raise SystemExit(f"The market view found {view.gaps} gaps, the ranking {gaps}.")

    sampled = random.Random(args.seed).sample(
        [need.id for need in needs], min(PAGE_SAMPLE, len(needs))
    )
    page_ms = []
    for one in needs_query.filter(pk__in=sampled).select_related(
        "term", "district", "week_entry", "person"
    ):
        started = time.perf_counter()
        ranking_for(one, today, explain_misses=True)
        page_ms.append((time.perf_counter() - started) * 1000)
    page_ms.sort()

    count_people = len(people)
    matching_seconds = directory_seconds + needs_seconds + money_seconds + ranking_seconds
    return {
        "people": count_people,
        "needs": len(needs),
        "needs_per_person": round(len(needs) / count_people, 1),
        "suppliers": Supplier.objects.filter(directory_owner_id=provider_id).count(),
        "services": Service.objects.filter(supplier__directory_owner_id=provider_id).count(),
        "active_services_loaded": len(directory.services),
        "candidates_ranked": candidates,
        "candidates_per_need": round(candidates / max(1, len(needs)), 1),
        "reason_sentences": reasons,
        "gaps": gaps,
        "people_with_gaps": view.people_with_gaps,
        "matching_all_needs": {
            "what": "load the directory and every need, what is left of each person's money, "
            "then rank every need with every reason",
            "total_seconds": round(matching_seconds, 1),
            "per_person_ms": round(matching_seconds * 1000 / count_people, 2),
            "load_directory_seconds": round(directory_seconds, 2),
            "load_needs_seconds": round(needs_seconds, 2),
            "money_left_seconds": round(money_seconds, 1),
            "ranking_seconds": round(ranking_seconds, 1),
            "ranking_per_person_ms": round(ranking_seconds * 1000 / count_people, 2),
            "ranking_per_need_ms": round(ranking_seconds * 1000 / max(1, len(needs)), 3),
        },
        "market_view_seconds": round(view_seconds, 2),
        "one_need_as_its_page_asks_ms": {
            "sample": len(page_ms),
            "p50": round(page_ms[len(page_ms) // 2], 1),
            "p95": round(page_ms[int(len(page_ms) * 0.95) - 1], 1),
            "what": "for_need.ranking_for with the reasons for those left out: directory, "
            "preferred list and money loaded for that one need",
        },
    }


def _print(results: dict[str, Any]) -> None:
    matching = results["matching_all_needs"]
    print(
        f"{results['people']:,} people, {results['needs']:,} needs, {results['suppliers']:,} "
        f"suppliers ({results['services']:,} services)."
    )
    print(
        f"Matching every need: {matching['total_seconds']} s in all, "
        f"{matching['per_person_ms']} ms a person (ranking alone {matching['ranking_seconds']} s, "
        f"{matching['ranking_per_person_ms']} ms a person; "
        f"money left {matching['money_left_seconds']} s)."
    )
    print(
        f"{results['candidates_ranked']:,} candidates ranked ({results['candidates_per_need']} a "
        f"need), {results['gaps']:,} gaps for {results['people_with_gaps']:,} people; market view "
        f"{results['market_view_seconds']} s; one need's page ranking p50 "
        f"{results['one_need_as_its_page_asks_ms']['p50']} ms."
    )
    print(f"Load average at start and end: {results['load_average_1_5_15_min']}")


if __name__ == "__main__":
    main()
