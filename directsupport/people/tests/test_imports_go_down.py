"""people stands below the apps built on it (DESIGN.md §2): no module in it may import planning,
week, planbook, funds, market, commissioning, coproduction or the site-level apps (the layer
order is tests/test_layers.py's). What people must show of them (the person page's tabs and
panels) those apps register with people instead.

The source is parsed, not searched as text, so comments and strings that mention a later app
do not count and relative imports ("from ..funds import x") do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import directsupport.people
from tests.test_layers import LAYERS

LATER_APPS = tuple(app for app in LAYERS[LAYERS.index("people") + 1 :] if app)
PEOPLE = Path(directsupport.people.__file__).parent
MODULES = sorted(PEOPLE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PEOPLE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    """The package a file's relative imports start from."""
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imported_modules(source: str, *, package: str) -> list[str]:
    """Every module some source imports, by its absolute dotted name."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            # "from directsupport import funds" imports funds too.
            names.extend(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and (name := _imported_by_name(node)):
            names.append(name)
    return names


def _imported_by_name(call: ast.Call) -> str | None:
    """The module in importlib.import_module("...") or __import__("..."), written out."""
    func = call.func
    called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if called not in ("import_module", "__import__") or not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def later_apps_imported(source: str, *, package: str) -> list[str]:
    return [
        name
        for name in imported_modules(source, package=package)
        if any(
            name == f"directsupport.{app}" or name.startswith(f"directsupport.{app}.")
            for app in LATER_APPS
        )
    ]


def test_every_module_of_people_is_checked():
    names = {module_name(path) for path in MODULES}

    assert "directsupport.people.templatetags.person_page" in names
    assert "directsupport.people.views" in names
    assert "directsupport.people.tests.test_imports_go_down" in names


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_people_imports_no_later_app(path):
    assert later_apps_imported(path.read_text(), package=package_of(path)) == []


# Examples written as if in people/templatetags/, so relative imports resolve as they would there.
EXAMPLE_PACKAGE = "directsupport.people.templatetags"


@pytest.mark.parametrize(
    "source",
    [
        "from directsupport.funds.access import can_see_money",
        "import directsupport.week.access",
        "from directsupport import planning",
        "from ...market import models",
        "from ... import commissioning",
        "importlib.import_module('directsupport.coproduction.access')",
        "def later():\n    from directsupport.week.access import can_see_weeks",
    ],
)
def test_an_import_of_a_later_app_is_caught(source):
    assert later_apps_imported(source, package=EXAMPLE_PACKAGE) != []


@pytest.mark.parametrize(
    "source",
    [
        "from directsupport.people.access import can_see_circle",
        "from directsupport.accounts.models import User",
        "from ..access import can_see_circle",
        "from . import person_page",
        "# from directsupport.funds.access import can_see_money",
        "NOTE = 'directsupport.funds.access'",
        "import directsupport.weekly_figures",
    ],
)
def test_imports_going_down_are_fine(source):
    assert later_apps_imported(source, package=EXAMPLE_PACKAGE) == []
