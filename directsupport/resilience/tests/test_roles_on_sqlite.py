"""SQLite (one machine) has no roles: the roles command says so, and the deploy check has nothing
to report; the append-only triggers guard those rows there (audit/tests/test_append_only.py)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from directsupport.resilience.checks import check_application_login

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="The SQLite side of database roles."),
]


def test_the_roles_command_says_roles_are_for_postgresql():
    with pytest.raises(CommandError, match="for PostgreSQL; SQLite keeps its triggers"):
        call_command("database_roles")
    with pytest.raises(CommandError, match="for PostgreSQL"):
        call_command("database_roles", verify=True)


def test_the_deploy_check_has_nothing_to_say_about_sqlite():
    assert check_application_login(databases=["default"]) == []
