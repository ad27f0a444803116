"""A commissioner sees ISF money and plan summaries, never circles, notes or where people live.

Signed in as the demo's commissioner (Martin Hughes of Hollowfield council) on the seeded demo,
with the clock on the story's day, we open every page he can reach: every link followed from his
home page (same site, GET only), and every URL pattern of the site with the demo's ids put in.
No page, PDF, CSV or spreadsheet he gets may hold any demo circle member's name, or any
person's (or circle member's) address, postcode or date of birth as the site prints them.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import PROVIDER_STAFF_ROLES, Role

# The demo, seeded once for this module on the story's day (see directsupport/demo/tests).
from directsupport.demo.tests.conftest import (  # noqa: F401
    _private_storage,
    _story_clock,
    demo,
    seeded,
)
from directsupport.funds.models import (
    BlockContract,
    ContractSplit,
    Fund,
    LedgerTransaction,
    Statement,
)
from directsupport.market.models import PreferredApplication, Supplier, SupportNeed
from directsupport.people.models import CircleMember, KeyDate, Person
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import (
    CaptureNote,
    EventParticipant,
    GraphicRecording,
    Outcome,
    ToolKind,
)
from directsupport.week.models import WeekEntry, WeekKind
from tests.personas import sign_in

MARTIN = "martin.hughes@hollowfield.gov.example"
# Pages that do something when opened, or are not pages: never followed.
NOT_FOLLOWED = ("/account/sign-out/", "/static/", "/back-office/")
# Every kind of page is read for a few different ids (e.g. two people's ledgers, two months'
# statements), not for all 55 people and every month: that takes many minutes and finds nothing
# new, as each kind of page shows each person's information the same way.
SAME_KIND_OF_PAGE = 2
# How many of the council's people each URL pattern is tried with (the richest first), beside
# someone whose agreement a representative made.
PEOPLE_PER_PATTERN = 2


@dataclass(frozen=True)
class Secret:
    text: str
    what: str


def _date_formats(day: Any) -> list[str]:
    """A date as the site prints it: '3 March 1990', '03 March 1990', '03/03/1990', ISO."""
    return [
        f"{day.day} {day:%B %Y}",
        f"{day:%d %B %Y}",
        f"{day:%d/%m/%Y}",
        day.isoformat(),
    ]


def _workers_and_people_supported() -> set[str]:
    """Names the council knows in their own right: staff and suppliers' workers who deliver the
    hours it pays for (a keyworker is in the circles of the people they support), and people
    supported who are also in a friend's circle. Seeing "Sam Patel delivered 3 hours" on the
    money pages says nothing about anyone's circle."""
    workers = User.objects.filter(role__in=[*PROVIDER_STAFF_ROLES, Role.SUPPLIER])
    names = set(workers.values_list("full_name", flat=True))
    for person in Person.objects.all():
        names.update({person.display_name, person.full_legal_name})
    return names


def demo_secrets() -> list[Secret]:
    """Everything a commissioner must never read, from the seeded demo itself."""
    secrets: list[Secret] = []
    known_in_their_own_right = _workers_and_people_supported()
    for name, relationship in CircleMember.objects.values_list("name", "relationship"):
        if name not in known_in_their_own_right:
            secrets.append(Secret(name, f"circle member ({relationship})"))
    for address in CircleMember.objects.exclude(address="").values_list("address", flat=True):
        secrets.append(Secret(address, "circle member's address"))
    for person in Person.objects.all():
        if person.address_line_1:
            secrets.append(Secret(person.address_line_1, f"{person}'s address"))
        if person.postcode:
            secrets.append(Secret(person.postcode, f"{person}'s postcode"))
        if person.date_of_birth:
            for printed in _date_formats(person.date_of_birth):
                secrets.append(Secret(printed, f"{person}'s date of birth"))
    for key_date in KeyDate.objects.filter(label__icontains="birthday").exclude(
        label="My birthday"
    ):
        secrets.append(Secret(key_date.label, "a relative's birthday"))
    return secrets


def _text_of(response: Any) -> str:
    """What the reader gets, as text: HTML and CSV as they are, a PDF's and a spreadsheet's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8", errors="replace")


_HREF = re.compile(r"""(?:href|action|src)="(/[^"/][^"]*|/)\"""")


def _links(text: str) -> list[str]:
    links = []
    for link in _HREF.findall(text):
        link = link.replace("&amp;", "&").split("#", 1)[0]
        if link and not link.startswith(NOT_FOLLOWED):
            links.append(link)
    return links


# --- Every URL pattern, with the demo's ids -------------------------------------------------


def _patterns(
    resolver: URLResolver, namespace: str = "", outer: frozenset[str] = frozenset()
) -> Iterator[tuple[str, frozenset[str]]]:
    """Every named URL pattern, with the keywords its path takes (its own and its includes')."""
    for pattern in resolver.url_patterns:
        keywords = outer | frozenset(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, keywords)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", keywords


def _richest_people(council_id: int) -> list[Person]:
    """The council's people with the most to leak: circles, published Plan Books, notes; and
    one whose ISF agreement was made by a representative (a circle member, named on it)."""
    funded = Person.objects.filter(funding_council_id=council_id)
    richest = list(
        funded.annotate(
            members=Count("circle", distinct=True), notes=Count("capture_notes")
        ).order_by("-notes", "-members", "pk")[:PEOPLE_PER_PATTERN]
    )
    represented = funded.filter(fund__agreements__agreed_by="representative").first()
    return [*richest, *([represented] if represented and represented not in richest else [])]


def _kwarg_values(person: Person, council_id: int) -> dict[str, list[Any]]:
    """For each URL keyword, the demo's ids about this person (empty when there are none)."""
    fund = Fund.objects.filter(person=person).first()
    versions = PlanBookVersion.objects.filter(person=person)
    published = versions.filter(status=PlanBookStatus.PUBLISHED).values_list("number", flat=True)
    participant = EventParticipant.objects.filter(person=person).first()
    return {
        "pk": [person.pk],
        "number": list(published) or list(versions.values_list("number", flat=True)[:1]),
        "member_pk": list(person.circle.values_list("pk", flat=True)[:2]),
        "key_date_pk": list(person.key_dates.values_list("pk", flat=True)[:2]),
        "worker_pk": list(person.assignments.values_list("worker_id", flat=True)[:1]),
        "note_pk": list(CaptureNote.objects.filter(person=person).values_list("pk", flat=True)[:2]),
        "recording_pk": list(
            GraphicRecording.objects.filter(person=person).values_list("pk", flat=True)[:2]
        ),
        "outcome_pk": list(Outcome.objects.filter(person=person).values_list("pk", flat=True)[:2]),
        "need_pk": list(SupportNeed.objects.filter(person=person).values_list("pk", flat=True)[:2]),
        "month": [
            f"{month:%Y-%m}"
            for month in Statement.objects.filter(fund=fund).values_list("month", flat=True)[:2]
        ]
        if fund
        else [],
        "txn_pk": list(LedgerTransaction.objects.filter(fund=fund).values_list("pk", flat=True)[:2])
        if fund
        else [],
        "event_pk": [participant.event_id] if participant else [],
        "participant_pk": [participant.pk] if participant else [],
        "entry_pk": list(
            WeekEntry.objects.filter(week__person=person).values_list("pk", flat=True)[:2]
        ),
        "week_kind": list(WeekKind.values),
        "kind": list(ToolKind.values),
        "council_pk": [council_id],
        # The council's own things, the same for every person.
        "contract_pk": list(
            BlockContract.objects.filter(council_id=council_id).values_list("pk", flat=True)[:2]
        ),
        "split_pk": list(
            ContractSplit.objects.filter(contract__council_id=council_id).values_list(
                "pk", flat=True
            )[:2]
        ),
        "supplier_pk": list(Supplier.objects.values_list("pk", flat=True)[:2]),
        "application_pk": list(PreferredApplication.objects.values_list("pk", flat=True)[:2]),
    }


def _urls_for(name: str, keywords: frozenset[str], values: dict[str, list[Any]]) -> list[str]:
    """The pattern's URL for every combination of the demo's ids for its keywords (none when
    the demo has no id for one of them, e.g. no Planning Live event for this person)."""
    combos: list[dict[str, Any]] = [{}]
    for keyword in sorted(keywords):
        options = values.get(keyword, [])
        if not options:
            return []
        combos = [{**combo, keyword: option} for combo in combos for option in options]
    urls: list[str] = []
    for combo in combos:
        # A combination may not fit this pattern (e.g. a "kind" slug that is not its own).
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(name, kwargs=combo or None))
    return urls


def every_pattern_url(council_id: int) -> list[str]:
    patterns = sorted(set(_patterns(get_resolver())), key=lambda named: named[0])
    urls: list[str] = []
    for person in _richest_people(council_id):
        values = _kwarg_values(person, council_id)
        for name, keywords in patterns:
            urls.extend(_urls_for(name, keywords, values))
    return [url for url in dict.fromkeys(urls) if not url.startswith(NOT_FOLLOWED)]


# --- The crawl ------------------------------------------------------------------------------


@dataclass
class Leak:
    url: str
    secret: Secret


def kind_of_page(url: str) -> str:
    """/funds/people/12/statements/2026-10/ and /funds/people/3/statements/2026-09/ are the
    same kind of page."""
    return re.sub(r"\d+", "N", url)


def crawl(client: Client, start: list[str], secrets: list[Secret]) -> tuple[list[Leak], int]:
    """Open every page in ``start`` and every kind of page reachable from them (GET only), a
    few of each; every leak found, and how many pages were read."""
    queue: deque[str] = deque()
    seen: set[str] = set()
    kinds: Counter[str] = Counter()

    def visit_later(url: str, *, however_many: bool = False) -> None:
        kind = kind_of_page(url)
        if url not in seen and (however_many or kinds[kind] < SAME_KIND_OF_PAGE):
            seen.add(url)
            kinds[kind] += 1
            queue.append(url)

    # Every URL we were asked to start from is read, even several of a kind (each pattern for
    # each chosen person); links found on the way, a few of each kind.
    for url in start:
        visit_later(url, however_many=True)
    leaks: list[Leak] = []
    read = 0
    while queue:
        url = queue.popleft()
        response = client.get(url)
        read += 1
        if response.status_code in (301, 302, 303):
            if response["Location"].startswith("/"):
                visit_later(response["Location"])
            continue
        if response.status_code != 200:
            continue
        text = _text_of(response)
        leaks.extend(Leak(url, secret) for secret in secrets if secret.text in text)
        if "html" in response.get("Content-Type", ""):
            for link in _links(text):
                visit_later(link)
    return leaks, read


@pytest.fixture
def martin(demo) -> User:  # noqa: F811 (the demo fixture imported above)
    return User.objects.get(email=MARTIN, role=Role.COMMISSIONER)


def test_no_page_a_commissioner_can_reach_shows_circles_addresses_or_birthdays(martin):
    secrets = demo_secrets()
    assert len(secrets) > 500  # the demo's 55 people and their circles
    client = sign_in(Client(), martin)

    leaks, read = crawl(client, ["/", *every_pattern_url(martin.organisation_id)], secrets)

    found = sorted({f"{leak.url}: {leak.secret.what} {leak.secret.text!r}" for leak in leaks})
    assert not found, f"{len(found)} leaks in {read} pages:\n" + "\n".join(found)
    assert read > 80  # every kind of page: the crawl did not stop at the home page
