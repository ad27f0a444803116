"""Fill a fresh benchmark database with people (the scale generator, bench-only).

    DATABASE_URL=sqlite:///var/bench/bench.sqlite3 DJANGO_ENV=development \
        .venv/bin/python bench/generate_scale.py --people 10000 [--circle 8]

A provider and council, staff, N people with circles, key dates, assignments and audit rows,
and a bench user for every role (bench/accounts.py). It lives in bench/, not in the product:
a product install has no command that makes users with a published password. Refused in
production (DJANGO_ENV=production) all the same, in case someone runs it against one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directsupport.settings")


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="How many people.")
    parser.add_argument("--circle", type=int, default=8, help="Average circle members per person.")
    parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
    parser.add_argument("--batch-size", type=int, default=2000, help="People per batch.")
    parser.add_argument("-v", "--verbosity", type=int, default=1, help="2 prints progress.")
    args = parser.parse_args(argv)
    if args.people < 1 or args.circle < 1:
        parser.error("--people and --circle must be at least 1.")
    return args


def run(args: argparse.Namespace) -> list[str]:
    """Generate, after django.setup(); returns the lines to print. Raises SystemExit with the
    reason when the database or the settings refuse it."""
    from django.conf import settings

    from bench.accounts import BENCH_PASSWORD, bench_email
    from bench.scale import ScaleError, generate_scale

    if settings.PRODUCTION:
        raise SystemExit(
            "generate_scale makes users with a published password: never in production."
        )
    try:
        result = generate_scale(
            people=args.people,
            circle=args.circle,
            seed=args.seed,
            batch_size=args.batch_size,
            progress=print if args.verbosity > 1 else None,
        )
    except ScaleError as error:
        raise SystemExit(str(error)) from error
    return [
        result.summary(),
        f"Bench sign-in: {bench_email('coordinator')} / {BENCH_PASSWORD} "
        "with backup codes bench00000, bench00001, ...",
    ]


def main() -> None:
    from bench.django_script import run_with_django

    run_with_django(arguments, run)


if __name__ == "__main__":
    main()
