"""Restoring a backup (`manage.py restore`), and the drill that proves one (`restore --check`).

The check never touches the configured database: it restores into a scratch copy (a temporary SQLite
file, or a PostgreSQL database created for the purpose and dropped afterwards) and proves it against
the manifest: every file's SHA-256, every table's row count, the migrations, every fund's balances
(funds/ledger/balances.py), and both hash chains (`manage.py verify_records`, when the product has
it).
"""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connections
from psycopg import sql

from .backups import (
    MANIFEST,
    MANIFEST_FORMAT,
    POSTGRES_FILE,
    SQLITE_FILE,
    BackupProblem,
    postgres_environment,
    run_tool,
    sha256_of,
    source_alias,
)
from .roles import RolesProblem, apply_grants, role_names
from .snapshot import database_alias, differences, snapshot

Say = Callable[[str], None]


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupProblem(f"{directory} has no {MANIFEST}: it is not a finished backup.")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise BackupProblem(f"{path} is not readable JSON ({error}).") from error
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupProblem(f"{path} is in a format this version does not read.")
    return manifest


def verify_files(directory: Path, manifest: dict[str, Any]) -> list[str]:
    """Each file's size and SHA-256 against the manifest: empty when all match."""
    problems: list[str] = []
    for name, expected in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif path.stat().st_size != expected["bytes"] or sha256_of(path) != expected["sha256"]:
            problems.append(
                f"{name} does not match its SHA-256 in the manifest: the backup is damaged or "
                "was changed"
            )
    return problems


def prove(alias: str, manifest: dict[str, Any], say: Say) -> list[str]:
    """Compare the database behind ``alias`` with the manifest and walk the hash chains."""
    started = time.monotonic()
    found = snapshot(alias)
    problems = differences(manifest, found)
    if not problems:
        say(
            f"Tables: {len(found['row_counts'])}, every row count matches "
            f"({sum(found['row_counts'].values()):,} rows)."
        )
        say(f"Migrations: the same {len(found['migrations'])} applied.")
        say(
            f"Balances: all {len(found['fund_balances']):,} funds match "
            f"(counted and summed in {time.monotonic() - started:.1f} s)."
        )
    problems.extend(verify_chains(alias, say))
    return problems


def verify_chains(alias: str, say: Say) -> list[str]:
    if "verify_records" not in get_commands():
        say("Hash chains: not available (this version has no manage.py verify_records).")
        return []
    output = StringIO()
    started = time.monotonic()
    try:
        call_command("verify_records", database=alias, stdout=output, stderr=output)
    except CommandError as error:
        return [f"hash chains: {error}"]
    say(f"Hash chains: verified (in {time.monotonic() - started:.1f} s).")
    for line in output.getvalue().strip().splitlines():
        say(f"  {line}")
    return []


def check_backup(directory: Path, say: Say) -> None:
    """The drill: raise BackupProblem listing every difference, or say what was proved."""
    manifest = read_manifest(directory)
    if problems := verify_files(directory, manifest):
        raise BackupProblem("; ".join(problems))
    say(f"Files: {len(manifest['files'])}, each matching its SHA-256 in the manifest.")
    with _scratch_copy(directory, manifest, say) as alias:
        problems = prove(alias, manifest, say)
    if problems:
        raise BackupProblem("The restored copy differs from the backup: " + "; ".join(problems))


@contextmanager
def _scratch_copy(directory: Path, manifest: dict[str, Any], say: Say) -> Iterator[str]:
    vendor = manifest["vendor"]
    alias = source_alias()
    if connections[alias].vendor != vendor:
        raise BackupProblem(
            f"This is a {vendor} backup; the configured database is {connections[alias].vendor}."
        )
    if vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="dys-restore-check-") as scratch:
            path = Path(scratch) / SQLITE_FILE
            started = time.monotonic()
            shutil.copyfile(directory / SQLITE_FILE, path)
            say(f"Restored into a scratch SQLite file in {time.monotonic() - started:.1f} s.")
            with database_alias(alias, NAME=str(path), OPTIONS={}) as scratch_alias:
                yield scratch_alias
        return
    name = f"{connections[alias].settings_dict['NAME']}_check_{secrets.token_hex(4)}"[:63]
    _postgres_admin(alias, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        started = time.monotonic()
        run_tool(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={name}",
                str(directory / POSTGRES_FILE),
            ],
            env=postgres_environment(connections[alias].settings_dict),
        )
        say(
            f"Restored into a scratch PostgreSQL database, {name}, "
            f"in {time.monotonic() - started:.1f} s."
        )
        with database_alias(alias, NAME=name) as scratch_alias:
            yield scratch_alias
    finally:
        _postgres_admin(
            alias, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        say(f"Dropped {name}.")


def _postgres_admin(alias: str, statement: sql.Composed) -> None:
    """CREATE / DROP DATABASE cannot run in a transaction: a plain autocommit statement."""
    connection = connections[alias]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupProblem("The restore check cannot run inside another transaction.")
    with connection.cursor() as cursor:
        cursor.execute(statement.as_string(connection.connection))


def restore_backup(directory: Path, *, force: bool, say: Say) -> None:
    """Restore into the configured database, refusing to overwrite one that holds tables
    unless ``force``; then prove the result as the drill does."""
    manifest = read_manifest(directory)
    if problems := verify_files(directory, manifest):
        raise BackupProblem("; ".join(problems))
    alias = source_alias()
    connection = connections[alias]
    if connection.vendor != manifest["vendor"]:
        raise BackupProblem(
            f"This is a {manifest['vendor']} backup; the configured database is "
            f"{connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupProblem(
            f"The database {connection.settings_dict['NAME']} already holds {len(tables)} tables. "
            "Restoring would replace them; add --force if that is what you mean."
        )
    if connection.vendor == "sqlite":
        _restore_sqlite(directory / SQLITE_FILE, alias)
    else:
        run_tool(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(directory / POSTGRES_FILE),
            ],
            env=postgres_environment(connection.settings_dict),
        )
        if alias == "owner":
            owner_role, app_role = role_names(alias)
            try:
                apply_grants(connection, owner_role=owner_role, app_role=app_role)
            except RolesProblem as problem:
                raise BackupProblem(str(problem)) from problem
            say(f"Grants for {app_role} applied again.")
    say(f"Restored {directory} into {connection.settings_dict['NAME']}.")
    if problems := prove(alias, manifest, say):
        raise BackupProblem("The restored database differs from the backup: " + "; ".join(problems))


def _restore_sqlite(backup_file: Path, alias: str) -> None:
    connections.close_all()
    target = str(connections[alias].settings_dict["NAME"])
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode=WAL")
    finally:
        destination.close()
        source.close()
