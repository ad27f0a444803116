"""Consistent backups with a manifest (`manage.py backup`).

SQLite: the online backup API copies the live database page by page in one step, so the copy is
one moment's database even while the product writes (WAL mode lets writers carry on).
PostgreSQL: a repeatable-read transaction exports its snapshot; ``pg_dump --snapshot`` dumps
exactly that snapshot (custom format) while the same transaction counts the rows, so the dump and
the manifest describe the same moment.

A backup is a directory: the database file and ``manifest.json`` (each file's SHA-256 and size,
the database vendor, the migrations that had run, row counts per table and every fund's
balances). It is written under ``<name>.partial`` and renamed when complete, so a directory
with a manifest is always a finished backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connections, transaction

from .snapshot import database_alias, snapshot

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MANIFEST_FORMAT = 1


class BackupProblem(Exception):
    """A backup or restore could not be done; the message says why in plain words."""


def default_backup_root() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def source_alias() -> str:
    """Backups read as the owner where there is one (the application role could too: it may
    SELECT every table)."""
    return "owner" if "owner" in settings.DATABASES else "default"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for pg_dump / pg_restore: the password never on a command line."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if value := settings_dict.get(key):
            env[variable] = str(value)
    return env


def run_tool(arguments: list[str], *, env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        arguments, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupProblem(f"{arguments[0]} failed: {result.stderr.strip()[:2000]}")


@dataclass(frozen=True)
class Backup:
    directory: Path
    manifest: dict[str, Any]


def make_backup(directory: Path | None = None) -> Backup:
    """Back the configured database up into ``directory`` (default var/backups/<timestamp>/)."""
    created = dt.datetime.now(dt.UTC)
    if directory is None:
        directory = default_backup_root() / created.strftime("%Y-%m-%dT%H%M%SZ")
    if directory.exists():
        raise BackupProblem(f"{directory} already exists; choose another directory.")
    partial = directory.with_name(directory.name + ".partial")
    partial.mkdir(parents=True)
    alias = source_alias()
    vendor = connections[alias].vendor
    file_name = {"sqlite": SQLITE_FILE, "postgresql": POSTGRES_FILE}.get(vendor)
    try:
        if file_name == SQLITE_FILE:
            facts = _backup_sqlite(alias, partial / file_name)
        elif file_name == POSTGRES_FILE:
            facts = _backup_postgres(alias, partial / file_name)
        else:
            raise BackupProblem(f"No backup is written for {vendor} databases.")
    except BaseException:
        # Half a backup is no backup: leave nothing that could be mistaken for one.
        shutil.rmtree(partial, ignore_errors=True)
        raise
    path = partial / file_name
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": created.isoformat(),
        "vendor": vendor,
        "database": str(connections[alias].settings_dict["NAME"]),
        "django": django.get_version(),
        "files": {file_name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}},
        **facts,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    partial.rename(directory)
    return Backup(directory=directory, manifest=manifest)


def _backup_sqlite(alias: str, target: Path) -> dict[str, Any]:
    source_path = connections[alias].settings_dict["NAME"]
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, so no write can land between pages.
        source.backup(copy, pages=-1)
        # One self-contained file: no -wal beside it to lose or to change its hash later.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()
    with database_alias(alias, NAME=str(target), OPTIONS={}) as copy_alias:
        facts = snapshot(copy_alias)
    # Reading the copy must not have changed it (it was opened without WAL).
    for leftover in (
        target.with_name(target.name + "-wal"),
        target.with_name(target.name + "-shm"),
    ):
        leftover.unlink(missing_ok=True)
    return facts


def _backup_postgres(alias: str, target: Path) -> dict[str, Any]:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupProblem("A PostgreSQL backup cannot start inside another transaction.")
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        facts = snapshot(alias)
        run_tool(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            env=postgres_environment(connection.settings_dict),
        )
    return facts
