"""Parts of the Plan Book that later apps make: a registry planning offers and each app fills.

planning stands below week, funds and the rest (DESIGN.md §2), so it may not import them to put
their part in a person's Plan Book. Instead an app registers a function that compiles its part
for a person, from its AppConfig.ready()::

    from directsupport.planning.plan_book_parts import register_plan_book_part

    from .compile import compile_week

    register_plan_book_part("week", compile_week)

The compiled Plan Book (planning/planbook/compile.py) then carries
``{"week": compile_week(person)}`` beside planning's own parts. A part is compiled into every
version, so its function must keep to a fixed number of queries and return plain JSON (the
version stores it as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from directsupport.people.models import Person

PartCompiler = Callable[[Person], Any]

# Planning's own keys in the compiled Plan Book, which no registered part may take.
OWN_KEYS = frozenset(
    {
        "schema",
        "compiled_at",
        "person",
        "communication",
        "circle",
        "notes",
        "tools",
        "outcomes",
        "recordings",
        "events",
    }
)

_parts: dict[str, PartCompiler] = {}


def register_plan_book_part(name: str, compile_part: PartCompiler) -> None:
    """Compile ``compile_part(person)`` into every Plan Book version under ``name``.
    Registering the same part again does nothing (Django may run ready() more than once)."""
    if name in OWN_KEYS:
        raise ImproperlyConfigured(f"The Plan Book's own part {name!r} cannot be registered")
    existing = _parts.get(name)
    if existing is not None and existing is not compile_part:
        raise ImproperlyConfigured(f"Two Plan Book parts are called {name!r}")
    _parts[name] = compile_part


def compile_parts(person: Person) -> dict[str, Any]:
    """Every registered part for ``person``, by name."""
    return {name: compile_part(person) for name, compile_part in _parts.items()}
