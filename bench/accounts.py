"""Sign-ins that `bench/generate_scale.py` creates for the benchmarks (`make bench`).

Plain Python with no Django imports, so bench/run.py can read it before Django is set up.
Only ever created in a scale-test database: the generator refuses to run in production.
"""

from __future__ import annotations

BENCH_PASSWORD = "scale-bench-password-2026"
BENCH_DOMAIN = "scale.example"
# Every role the benchmarks may sign in as. Person and circle are linked to the first person.
BENCH_ROLES: tuple[str, ...] = (
    "coordinator",
    "support_worker",
    "manager",
    "finance",
    "market_shaper",
    "commissioner",
    "supplier",
    "expert",
    "person",
    "circle",
)
# Backup codes are single-use: enough for many benchmark runs' sign-ins between re-generations.
BENCH_BACKUP_CODE_COUNT = 500


def bench_email(role: str) -> str:
    return f"bench-{role.replace('_', '-')}@{BENCH_DOMAIN}"


def bench_backup_codes() -> list[str]:
    """The same list for every bench user: 'bench00000', 'bench00001', ..."""
    return [f"bench{n:05d}" for n in range(BENCH_BACKUP_CODE_COUNT)]
