"""Creating the two roles, once, as a PostgreSQL superuser (`database_roles --create-roles-as`).

The owner gets CREATEDB only so that `manage.py restore --check` can create and drop its scratch
database; neither role is a superuser or may create roles. A role that already exists is taken as
it is (its password is not changed), but an application role that is a superuser is refused.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from .roles import RolesProblem


def create_roles(
    superuser_url: str,
    *,
    database: str,
    owner: tuple[str, str],
    app: tuple[str, str],
) -> list[str]:
    """Create what is missing and hand the database to the owner; returns what was done."""
    (owner_role, owner_password), (app_role, app_password) = owner, app
    if not owner_role or not app_role or owner_role == app_role:
        raise RolesProblem("DATABASE_URL and DATABASE_OWNER_URL must name two different roles.")
    done: list[str] = []
    with psycopg.connect(superuser_url, dbname=database, autocommit=True) as admin:
        for role, password, extra in (
            (owner_role, owner_password, "CREATEDB"),
            (app_role, app_password, "NOCREATEDB"),
        ):
            row = admin.execute(
                "SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role]
            ).fetchone()
            if row is None:
                admin.execute(
                    sql.SQL(
                        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS {} {}"
                    ).format(
                        sql.Identifier(role),
                        sql.SQL(extra),
                        sql.SQL("PASSWORD {}").format(sql.Literal(password))
                        if password
                        else sql.SQL(""),
                    )
                )
                done.append(f"Created role {role}.")
            elif row[0] and role == app_role:
                raise RolesProblem(
                    f"{role} already exists and is a superuser; choose another name."
                )
            else:
                done.append(f"Role {role} already exists; taken as it is.")
        owner_id, app_id, db = (
            sql.Identifier(owner_role),
            sql.Identifier(app_role),
            sql.Identifier(database),
        )
        admin.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(db, owner_id))
        admin.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        admin.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, app_id))
        schema_row = admin.execute("SELECT current_schema()").fetchone()
        if schema_row is None:
            raise RolesProblem(f"Database {database} has no current schema.")
        schema_id = sql.Identifier(schema_row[0])
        admin.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(schema_id, owner_id))
        # Only the owner creates objects; the application role may use the schema, not add to it.
        admin.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(schema_id))
        handed = _hand_over(admin, owner_role)
        done.append(
            f"Database {database} and its schema belong to {owner_role}"
            + (f"; handed over {handed} objects." if handed else ".")
        )
    return done


def _hand_over(admin: psycopg.Connection, owner_role: str) -> int:
    """Give the owner every table, sequence, view and function in the schema made by another
    login (an installation that ran its migrations as a single role before)."""
    rows = admin.execute(
        """
        SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                              WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.relname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND pg_get_userbyid(c.relowner) <> %s
          -- a sequence owned by a table column moves with its table
          AND NOT (c.relkind = 'S' AND EXISTS (
              SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
        """,
        [owner_role],
    ).fetchall()
    for kind, name in rows:
        admin.execute(
            sql.SQL("ALTER {} {} OWNER TO {}").format(
                sql.SQL(kind), sql.Identifier(name), sql.Identifier(owner_role)
            )
        )
    functions = admin.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) <> %s
        """,
        [owner_role],
    ).fetchall()
    for (signature,) in functions:
        admin.execute(
            sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(
                sql.SQL(signature), sql.Identifier(owner_role)
            )
        )
    return len(rows) + len(functions)
