"""Queries per page, counted with Django's test client against a benchmark database.

Run by bench/run.py as a separate process (so the benchmark itself never imports Django):

    DATABASE_URL=sqlite:///var/bench/bench.sqlite3 DJANGO_ENV=development \
        .venv/bin/python bench/query_counts.py

It signs in as the bench coordinator through the real sign-in and two-factor pages, requests
each page once (after one unmeasured request, so caches are warm), and prints JSON: the query
count and status of each page, for the person with the largest and the smallest circle, plus
the people ids and a few unused backup codes for the load test.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directsupport.settings")

# The pages a person's information is shown on, measured for two very different people.
PERSON_PAGES = {
    "person_page": "/people/{pk}/",
    "circle_page": "/people/{pk}/circle/",
    "easy_read_page": "/people/{pk}/easy-read/",
    "who_can_see_page": "/people/{pk}/who-can-see/",
    "support_team_page": "/people/{pk}/support-team/",
    "who_looked_page": "/people/{pk}/who-looked/",
}
SEARCH_PATH = "/people/?q=an&stage=planning"


def main() -> None:
    import django

    django.setup()

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticToken

    from bench.accounts import BENCH_PASSWORD, bench_email
    from bench.scale import SCALE_PROVIDER
    from bench.scale_funds import first_of_month
    from directsupport.accounts.models import User
    from directsupport.people.models import Person

    coordinator = User.objects.get(email=bench_email("coordinator"))

    def unused_codes() -> list[str]:
        return sorted(
            StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
        )

    # A page still being built records its status (500) instead of stopping the benchmark.
    client = Client(raise_request_exception=False)
    signed_in = client.post(
        "/account/sign-in/", {"username": coordinator.email, "password": BENCH_PASSWORD}
    )
    passed = client.post("/account/two-factor/", {"code": unused_codes()[0]})
    if signed_in.status_code != 302 or passed.status_code != 302 or passed["Location"] != "/":
        raise SystemExit(
            f"Could not sign in as the bench coordinator: {signed_in.status_code}, "
            f"{passed.status_code} {passed.get('Location')}"
        )

    people = Person.objects.filter(organisation__name=SCALE_PROVIDER)
    by_circle = people.annotate(members=Count("circle")).order_by("members", "pk")
    smallest = by_circle.first()
    largest = by_circle.last()
    if smallest is None or largest is None:
        raise SystemExit("No people in the benchmark database: run bench/generate_scale.py first.")
    people_count = people.count()
    last_page = max(1, (people_count + 24) // 25)

    def measure(path: str) -> dict[str, Any]:
        client.get(path)  # warm: the first request fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        timed = sorted(queries.captured_queries, key=lambda q: float(q["time"]), reverse=True)
        return {
            "path": path,
            "status": response.status_code,
            "queries": len(queries),
            "sql_ms": round(sum(float(q["time"]) for q in timed) * 1000, 2),
            "slowest_sql": {
                "ms": round(float(timed[0]["time"]) * 1000, 2),
                "sql": timed[0]["sql"][:400],
            }
            if timed
            else None,
        }

    pages: dict[str, Any] = {
        "floor_healthz": measure("/healthz"),
        "home": measure("/"),
        "person_list": measure("/people/"),
        "person_search": measure(SEARCH_PATH),
        "person_list_last_page": measure(f"/people/?page={last_page}"),
    }
    for name, template in PERSON_PAGES.items():
        pages[f"{name}_largest_circle"] = measure(template.format(pk=largest.pk))
        pages[f"{name}_smallest_circle"] = measure(template.format(pk=smallest.pk))
    # The last complete month, which generate_scale_funds filled for every person.
    statement_month = f"{first_of_month(timezone.localdate(), months_back=1):%Y-%m}"
    for pk, circle in ((largest.pk, "largest_circle"), (smallest.pk, "smallest_circle")):
        pages[f"perfect_week_page_{circle}"] = measure(f"/week/people/{pk}/")
        pages[f"statement_page_{circle}"] = measure(
            f"/funds/people/{pk}/statements/{statement_month}/"
        )

    print(
        json.dumps(
            {
                "people": people_count,
                "largest_circle": {"person": largest.pk, "members": largest.members},
                "smallest_circle": {"person": smallest.pk, "members": smallest.members},
                "pages": pages,
                "statement_month": statement_month,
                "person_ids": list(people.values_list("pk", flat=True)),
                "unused_codes": unused_codes(),
            }
        )
    )


if __name__ == "__main__":
    main()
