"""Imports run only down the layers, and no modules import each other round a circle.

Read from the source with ``ast``, not by importing it, so every import counts: at module
level, inside functions and classes, and under ``if TYPE_CHECKING:`` (a type-only import
still ties the lower app to the higher one's names). An app's tests are held to the order
too: a test of how two apps meet (feedback in the subject access copy, outcomes in the demo)
lives with the higher one.

Templates are held to it as well: ``{% load %}`` of a tag library is an import in the template
language, so an app's templates load only libraries of its own layer or below. A lower app's
page shows a later app's part through a registry (lib/page_parts.py, people/person_panels.py).
The site-level ``templates/`` directory stands above every app and may load any library.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.backends.django import DjangoTemplates

PROJECT = "directsupport"
PROJECT_DIR = Path(__file__).resolve().parent.parent / PROJECT

# The layer order of DESIGN.md §2 ("Apps stand in layers and imports only go down"), lowest
# first. An app may import from its own layer and any below it, never from one above.
LAYERS = [
    "lib",
    "audit",
    "accounts",
    "people",
    "planning",
    "week",
    "planbook",  # the Plan Book compiles planning's tools and week's Perfect Week
    "funds",
    "market",
    "commissioning",
    "coproduction",
    # The site level (DESIGN.md §2: "a site-level package on top for what looks across
    # apps"). Each reads the domain apps and none of them is read by a domain app.
    "subject_access",  # gathers a person's records from every app (lib.person_records)
    "retention",  # keeps and destroys records across apps; minds open subject access requests
    "resilience",  # backups and restore checks over the whole database (funds' balances)
    "frontpage",  # the home page each role lands on
    "reports",  # the manager's reports across apps: the audit log
    "demo",  # seeds every app's story through its services
    "",  # the project itself: settings, the root URLs, wsgi
]

# DESIGN.md §2: "The user model, roles and the admin site (accounts.models, accounts.roles,
# accounts.admin_site) are the base every layer may import" (audit records who did what).
BASE_MODULES = {
    f"{PROJECT}.accounts.models",
    f"{PROJECT}.accounts.roles",
    f"{PROJECT}.accounts.admin_site",
}

# Imports that still run up, each with the issue that removes it. Keep this short.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository, e.g. "directsupport/audit/views.py"
    line: int
    module: str  # the module imported, e.g. "directsupport.people.access"
    at_module_level: bool  # runs when the importing module is loaded (or is type-only there)

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    root = PROJECT_DIR.parent
    return (root / relative).with_suffix(".py").is_file() or (
        root / relative / "__init__.py"
    ).is_file()


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads, relative ones included."""
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_in(path: Path, source: str | None = None) -> Iterator[Import]:
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    shown = str(path.relative_to(PROJECT_DIR.parent))

    def walk(node: ast.AST, at_module_level: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(shown, child.lineno, alias.name, at_module_level)
            elif isinstance(child, ast.ImportFrom):
                module = _resolve(path, child)
                for alias in child.names:
                    # "from directsupport.accounts import roles" reads the module roles.
                    submodule = f"{module}.{alias.name}"
                    named = submodule if _is_module(submodule) else module
                    yield Import(shown, child.lineno, named, at_module_level)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from walk(child, at_module_level=False)
            else:
                yield from walk(child, at_module_level)

    yield from walk(tree, at_module_level=True)


def _source_files() -> list[Path]:
    return sorted(path for path in PROJECT_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def _app_of(module: str) -> str:
    """The app a module belongs to: "audit" for directsupport.audit.views, "" for the
    project's own modules (settings, the root URLs)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (PROJECT_DIR / parts[1]).is_dir() else ""


def _project_imports() -> list[Import]:
    return [
        found
        for path in _source_files()
        for found in _imports_in(path)
        if found.module == PROJECT or found.module.startswith(f"{PROJECT}.")
    ]


def upward_imports(imports: list[Import]) -> list[Import]:
    upward = []
    for found in imports:
        if found.module in BASE_MODULES:
            continue
        source_app = _app_of(_module_name(PROJECT_DIR.parent / found.path))
        target_app = _app_of(found.module)
        if LAYERS.index(target_app) > LAYERS.index(source_app):
            upward.append(found)
    return upward


def import_cycles(imports: list[Import], *, within: str = PROJECT) -> list[list[str]]:
    """Each circle of modules (under ``within``) that import one another, found by a
    depth-first walk: one circle for each import that leads back to a module still being
    walked. ``imports`` says which imports count (module-level ones, or all)."""
    graph: dict[str, set[str]] = {}
    inside = (within, f"{within}.")
    for found in imports:
        source = _module_name(PROJECT_DIR.parent / found.path)
        inward = source.startswith(inside) and found.module.startswith(inside)
        if inward and found.module != source:
            graph.setdefault(source, set()).add(found.module)
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            cycles.append([*trail[trail.index(module) :], module])
            return
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return cycles


@dataclass(frozen=True)
class Load:
    path: str  # relative to the repository: "directsupport/people/templates/people/detail.html"
    line: int
    library: str  # the tag library loaded, e.g. "funds_home"

    def __str__(self) -> str:
        return f"{self.path}:{self.line} loads {self.library}"


# {% load a b %} and {% load tag1 tag2 from library %}
LOAD_TAG = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _loads_in(path: Path, source: str | None = None) -> Iterator[Load]:
    text = path.read_text(encoding="utf-8") if source is None else source
    shown = str(path.relative_to(PROJECT_DIR.parent))
    for match in LOAD_TAG.finditer(text):
        words = match.group(1).split()
        libraries = words[-1:] if len(words) > 2 and words[-2] == "from" else words
        line = text.count("\n", 0, match.start()) + 1
        for library in libraries:
            yield Load(shown, line, library)


def _template_files() -> list[Path]:
    """Every file under an app's templates/ (the site-level templates/ is outside the project
    package, above every app)."""
    return sorted(
        path
        for path in PROJECT_DIR.rglob("*")
        if path.is_file() and "templates" in path.relative_to(PROJECT_DIR).parts
    )


def _library_apps() -> dict[str, str]:
    """Each of the project's tag libraries by the name templates load it by, with its app, as
    Django finds them for ``{% load %}``: every app's templatetags/ and the libraries settings
    name."""
    return {
        name: _app_of(module)
        for backend in engines.all()
        if isinstance(backend, DjangoTemplates)
        for name, module in backend.engine.libraries.items()
        if module.startswith(f"{PROJECT}.")
    }


def upward_loads(loads: list[Load], library_apps: dict[str, str]) -> list[str]:
    upward = []
    for found in loads:
        target_app = library_apps.get(found.library)
        if target_app is None:  # a library from outside the project (heroicons, Django's own)
            continue
        source_app = _app_of(_module_name(PROJECT_DIR.parent / found.path))
        if LAYERS.index(target_app) > LAYERS.index(source_app):
            upward.append(f"{found}, a library of {target_app}")
    return upward


def test_every_package_of_the_project_has_a_place_in_the_layers():
    installed = {
        app.removeprefix(f"{PROJECT}.")
        for app in settings.INSTALLED_APPS
        if app.startswith(f"{PROJECT}.")
    }
    packages = {path.parent.name for path in PROJECT_DIR.glob("*/__init__.py")}
    assert sorted((installed | packages) - set(LAYERS)) == []


def test_no_import_runs_from_a_lower_app_to_a_higher_one():
    upward = [
        found
        for found in upward_imports(_project_imports())
        if (found.path, found.module) not in KNOWN_EXCEPTIONS
    ]
    assert [str(found) for found in upward] == [], (
        "Imports go only down the layers (DESIGN.md §2). A lower app that must show something "
        "of a higher one offers a registry the higher app fills."
    )


def test_no_template_loads_a_tag_library_of_a_higher_app():
    loads = [found for path in _template_files() for found in _loads_in(path)]
    assert upward_loads(loads, _library_apps()) == [], (
        "A template loads tag libraries of its own app's layer or below (DESIGN.md §2): a page "
        "that must show a later app's part offers a slot the later app fills "
        "(lib/page_parts.py; people/person_panels.py, planning/event_panels.py)."
    )


def test_the_template_scan_sees_each_library_and_knows_their_apps():
    path = PROJECT_DIR / "people" / "templates" / "people" / "probe.html"  # never written
    source = (
        '{% extends "people/person_base.html" %}\n'
        "{% load person_page funds_home %}\n"
        "{% load  money  %}{% load my_plan_book from planbook_home %}\n"
    )
    found = list(_loads_in(path, source))
    assert [(i.line, i.library) for i in found] == [
        (2, "person_page"),
        (2, "funds_home"),
        (3, "money"),
        (3, "planbook_home"),
    ]
    assert upward_loads(found, _library_apps()) == [
        "directsupport/people/templates/people/probe.html:2 loads funds_home, a library of funds",
        "directsupport/people/templates/people/probe.html:3 loads planbook_home, "
        "a library of planbook",
    ]


def test_each_known_exception_is_still_there():
    """So the list shrinks when an exception is fixed and cannot hide a new one."""
    upward = {(found.path, found.module) for found in upward_imports(_project_imports())}
    assert sorted(KNOWN_EXCEPTIONS - upward) == []


def test_no_modules_import_each_other_round_a_circle_when_loaded():
    """Module-level imports, type-only ones included: a circle there means neither module
    can be understood (or moved) without the other."""
    loaded = [found for found in _project_imports() if found.at_module_level]
    assert [" -> ".join(cycle) for cycle in import_cycles(loaded)] == []


def test_the_demo_has_no_import_circle_at_all():
    """In the demo an import inside a function counts too: that is where its seeders hid a
    circle. (Elsewhere a service and the task that runs it may import each other inside a
    function by design: the service enqueues the task, the task calls the service.)"""
    cycles = import_cycles(_project_imports(), within=f"{PROJECT}.demo")
    assert [" -> ".join(cycle) for cycle in cycles] == []


def test_the_walk_sees_imports_in_functions_and_under_type_checking():
    path = PROJECT_DIR / "audit" / "layers_probe.py"  # read from the text below, never written
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from directsupport.people.models import Person\n"
        "def later():\n"
        "    import directsupport.week.compile\n"
        "    from ..funds import ledger\n"
    )
    found = list(_imports_in(path, source))
    assert [(i.line, i.module, i.at_module_level) for i in found[1:]] == [
        (3, "directsupport.people.models", True),
        (5, "directsupport.week.compile", False),
        (6, "directsupport.funds.ledger", False),
    ]
    assert [str(i) for i in upward_imports(found[1:])] == [
        "directsupport/audit/layers_probe.py:3 imports directsupport.people.models",
        "directsupport/audit/layers_probe.py:5 imports directsupport.week.compile",
        "directsupport/audit/layers_probe.py:6 imports directsupport.funds.ledger",
    ]
