"""After bench/generate_scale.py: an ISF with ledger history for every scale person (bench-only).

    DATABASE_URL=sqlite:///var/bench/bench.sqlite3 DJANGO_ENV=development \
        .venv/bin/python bench/generate_scale_funds.py [--months 7]

An agreement in force for every scale person and months of ledger history (about 105 entries a
fund for 7 months), loaded through the ledger's bulk load. Refused in production.
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
    parser.add_argument("--months", type=int, default=7, help="Months of history.")
    parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
    parser.add_argument("-v", "--verbosity", type=int, default=1, help="2 prints progress.")
    args = parser.parse_args(argv)
    if not 1 <= args.months <= 11:
        parser.error("--months must be between 1 and 11.")
    return args


def run(args: argparse.Namespace) -> list[str]:
    """Generate, after django.setup(); returns the lines to print. Raises SystemExit with the
    reason when the database or the settings refuse it."""
    from django.conf import settings

    from bench.scale_funds import ScaleFundsError, generate_scale_funds

    if settings.PRODUCTION:
        raise SystemExit("generate_scale_funds makes benchmark data: never in production.")
    try:
        result = generate_scale_funds(
            months=args.months,
            seed=args.seed,
            progress=print if args.verbosity > 1 else None,
        )
    except ScaleFundsError as error:
        raise SystemExit(str(error)) from error
    return [result.summary()]


def main() -> None:
    from bench.django_script import run_with_django

    run_with_django(arguments, run)


if __name__ == "__main__":
    main()
