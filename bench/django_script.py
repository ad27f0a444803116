"""How bench's generator scripts run: read the options, set Django up, generate, print.

Each script (generate_scale.py, generate_scale_funds.py) gives its own ``arguments()`` and
``run(args)``; Django is set up only after the options are read, so ``--help`` and a bad option
answer at once, before any database is touched.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def run_with_django(
    arguments: Callable[[], argparse.Namespace],
    run: Callable[[argparse.Namespace], list[str]],
) -> None:
    args = arguments()
    import django

    django.setup()
    lines = run(args)
    if args.verbosity > 0:
        print("\n".join(lines))
