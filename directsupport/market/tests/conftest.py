"""Fixtures shared by market shaping's tests: each concept keeps its own in a module here and
adds one import below, so pytest finds them for every test in this folder."""

from .matching_fixtures import swimming_market  # noqa: F401
from .preferred_fixtures import (  # noqa: F401
    applied,
    bright_days,
    criteria,
    make_ready,
    proposed,
    ready,
    swim_club,
)
