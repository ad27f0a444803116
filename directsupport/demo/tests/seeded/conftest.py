"""The demo seeded ONCE for every module of this package, then rolled back.

Seeding takes tens of seconds, and eleven modules read the same demo, so the parent conftest's
module-scoped fixtures are overridden here with package scope: the story's clock, the private
storage and the seeded demo are set up before the first test of this package and undone after
its last. Each test still runs in its own savepoint (``demo``), so a test that signs in or
re-seeds leaves nothing behind for the next.

pytest-xdist must not split the package between workers (each would seed) or run another
package's tests inside its transaction: every test here is in the xdist group "seeded-demo",
and the Makefile runs the suite with ``--dist loadgroup``, which gives a group to one worker
whole, its tests one after another. Modules that need an empty database (seeding it, the scale
generator) stay in the parent package.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import on_the_story_day, private_storage_in, seed_in_a_transaction

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.xdist_group("seeded-demo"))


@pytest.fixture(scope="package", autouse=True)
def _story_clock() -> Iterator[None]:
    yield from on_the_story_day()


@pytest.fixture(scope="package", autouse=True)
def _private_storage(tmp_path_factory) -> Iterator[Path]:
    yield from private_storage_in(tmp_path_factory)


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker) -> Iterator[str]:
    yield from seed_in_a_transaction(django_db_blocker)
