"""A row lock (``select_for_update``) only means something inside a transaction: on PostgreSQL
Django refuses it outside one, while SQLite ignores it, and the tests run each inside a
transaction anyway, so a service that lost its ``@transaction.atomic`` still passes everywhere
but on a real PostgreSQL request. This reads the source: every function that locks rows is
atomic itself, or is a private helper whose every caller in its module is."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "directsupport"


def _is_atomic(function: ast.FunctionDef) -> bool:
    decorators = [ast.unparse(d) for d in function.decorator_list]
    return any("atomic" in d for d in decorators) or "transaction.atomic(" in ast.unparse(function)


def _unguarded_locks(source: str) -> list[str]:
    tree = ast.parse(source)
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    problems = []
    for function in functions:
        if "select_for_update" not in ast.unparse(function) or _is_atomic(function):
            continue
        callers = [
            other
            for other in functions
            if other is not function
            and any(
                isinstance(node, ast.Call) and ast.unparse(node.func).endswith(function.name)
                for node in ast.walk(other)
            )
        ]
        private = function.name.startswith("_")
        if not private or not callers or not all(_is_atomic(c) for c in callers):
            problems.append(f"{function.name} (line {function.lineno})")
    return problems


def _modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_row_lock_is_taken_inside_a_transaction(path):
    assert _unguarded_locks(path.read_text()) == []


def test_the_check_finds_a_service_that_lost_its_atomic():
    # The shape of the bug CI found: the decorator slid onto the function above.
    source = """
@transaction.atomic
def check(x):
    return x

def record(person):
    return list(Member.objects.select_for_update().filter(person=person))
"""
    assert _unguarded_locks(source) == ["record (line 6)"]
