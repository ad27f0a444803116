"""An expert by experience sees the programme anonymised (issue 13): every page Jo Whitfield can
reach from her home page, following every link, and the dashboard's downloads, are searched for
every demo person's name, date of birth and address. None may appear."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from directsupport.accounts.models import User
from directsupport.people.models import Person

from ..conftest import sign_in_through_pages

EXPERT = "jo.whitfield@example.org"
# Links that end the session or are not pages to read.
NOT_FOLLOWED = ("/account/sign-out/", "/static/", "/account/password", "/account/two-factor")
MOST_PAGES = 300
DOWNLOADS = ("/coproduction/programme/export.csv",)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _identifiers(staff_first_names: set[str]) -> list[tuple[str, re.Pattern[str]]]:
    """(what, pattern) for each demo person's names, date of birth and address."""
    found = []
    for person in Person.objects.all():
        # Full names, and first names on their own; not surnames alone, which suppliers share
        # ("Mensah" is also in the personal assistant Kofi Mensah-Ward's name).
        names = {f"{person.first_name} {person.last_name}"}
        if person.preferred_name:
            names.add(f"{person.preferred_name} {person.last_name}")
        first_names = {person.first_name, person.preferred_name} - {""} - staff_first_names
        for name in names | first_names:
            found.append((f"{person}: name {name!r}", re.compile(rf"\b{re.escape(name)}\b")))
        if person.date_of_birth:
            born = person.date_of_birth
            for text in (f"{born.day} {born:%B %Y}", f"{born:%d/%m/%Y}", born.isoformat()):
                found.append((f"{person}: born {text}", re.compile(re.escape(text))))
        for line in (person.address_line_1, person.postcode):
            if line:
                found.append((f"{person}: address {line!r}", re.compile(re.escape(line))))
    return found


def _crawl(client, start: str) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = deque([start, *DOWNLOADS])
    while queue and len(pages) < MOST_PAGES:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url)
        if response.status_code != 200:
            pages[url] = ""
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="replace")
        pages[url] = text
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(text)
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.path.startswith(NOT_FOLLOWED):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_no_page_an_expert_can_reach_names_a_person_supported(demo):
    staff_first_names = {
        user.full_name.split(" ")[0] for user in User.objects.exclude(role="person")
    }
    client, landed = sign_in_through_pages(EXPERT)
    pages = _crawl(client, landed or "/")

    assert len([page for page in pages.values() if page]) >= 8, sorted(pages)
    leaks = [
        f"{url}: {what}"
        for url, text in pages.items()
        for what, pattern in _identifiers(staff_first_names)
        if pattern.search(text)
    ]
    assert not leaks, "\n".join(leaks[:40])
