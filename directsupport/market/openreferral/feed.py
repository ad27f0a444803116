"""Reading an Open Referral UK file before anything is imported: its bytes as JSON, its shape,
the profile's schemas, and ids used twice. No database access; every problem is collected with
its JSON path, so a refused file lists them all at once.

Shapes accepted (what the profile's API answers, and its example files):

- one fully nested service (``/services/{id}``);
- a page of services (``/services``: ``{"total_items": ..., "contents": [...]}``);
- an organisation with its ``services`` (the organisation example);
- a JSON list of services, or of organisations with their services.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .validation import Problem, json_path, problems_against

MAX_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS = 100
# Entities that appear again wherever they are shared (one organisation nested in each of its
# services, a venue or a term used by several services): the same id must name the same thing.
SHARED = frozenset({"organization", "location", "taxonomy_term"})
_SINGULAR = {
    "services": "service",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "addresses": "address",
    "accessibility": "accessibility",
    "languages": "language",
    "funding": "funding",
    "cost_options": "cost_option",
    "contacts": "contact",
    "attributes": "attribute",
    "organization_identifiers": "organization_identifier",
    "phones": "phone",
    "contents": "service",
}

Path = tuple[str | int, ...]


class FeedRefused(Exception):
    """The file cannot be imported; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class FeedService:
    path: Path
    data: dict[str, Any]
    # The organisation the service sits in, when the file nests it that way.
    organization: dict[str, Any] | None = None
    organization_path: Path = ()


@dataclass
class Feed:
    shape: str
    services: list[FeedService] = field(default_factory=list)
    # Organisations given as such (with or without services), each with its path.
    organizations: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)


def read_feed(raw: bytes) -> Feed:
    """The file's services and organisations, or FeedRefused with every problem found."""
    document = _parse(raw)
    feed = _shape(document)
    problems = list(_schema_problems(feed))
    if not problems:
        problems = list(_duplicate_ids(feed))
    if problems:
        raise FeedRefused(_capped(problems))
    return feed


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("$", f"… and {more} more problems not listed")]


def _parse(raw: bytes) -> Any:
    if len(raw) > MAX_BYTES:
        raise FeedRefused(
            [Problem("$", f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")]
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FeedRefused(
            [Problem("$", "The file is not text saved as UTF-8, so it cannot be JSON.")]
        ) from None
    if not text.strip():
        raise FeedRefused([Problem("$", "The file is empty.")])
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_nan)
    except json.JSONDecodeError as error:
        raise FeedRefused(
            [
                Problem(
                    "$",
                    f"The file is not valid JSON: {error.msg} at line {error.lineno}, "
                    f"column {error.colno}.",
                )
            ]
        ) from None
    except (_RepeatedKey, ValueError) as error:
        raise FeedRefused([Problem("$", f"The file is not valid JSON: {error}")]) from None
    except RecursionError:
        raise FeedRefused([Problem("$", "The file is nested too deeply to read.")]) from None


class _RepeatedKey(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _RepeatedKey(f"the key “{key}” appears twice in one object.")
        document[key] = value
    return document


def _no_nan(constant: str) -> None:
    raise ValueError(f"{constant} is not a number JSON allows.")


def _shape(document: Any) -> Feed:
    if isinstance(document, dict) and "contents" in document:
        contents = document["contents"]
        if not isinstance(contents, list):
            raise FeedRefused([Problem("$.contents", "should be a list of services")])
        feed = Feed("page of services")
        feed.services = [FeedService(("contents", i), item) for i, item in enumerate(contents)]
        return feed
    if isinstance(document, dict) and "services" in document and "status" not in document:
        feed = Feed("organisation")
        _add_organization(feed, (), document)
        return feed
    if isinstance(document, dict):
        return Feed("service", [FeedService((), document)])
    if isinstance(document, list):
        if document and all(isinstance(item, dict) and "services" in item for item in document):
            feed = Feed("list of organisations")
            for index, item in enumerate(document):
                _add_organization(feed, (index,), item)
            return feed
        return Feed("list of services", [FeedService((i,), s) for i, s in enumerate(document)])
    raise FeedRefused(
        [Problem("$", "The file should hold a service, a page of services or an organisation.")]
    )


def _add_organization(feed: Feed, path: Path, organization: dict[str, Any]) -> None:
    feed.organizations.append((path, organization))
    services = organization.get("services")
    if isinstance(services, list):
        feed.services += [
            FeedService((*path, "services", i), item, organization, path)
            for i, item in enumerate(services)
        ]


def _schema_problems(feed: Feed) -> Iterator[Problem]:
    if not feed.services and not feed.organizations:
        yield Problem("$", "The file has no services in it.")
        return
    for path, organization in feed.organizations:
        yield from problems_against(organization, "organization", at=path)
    nested = {id(service.data) for service in feed.services if service.organization is not None}
    for service in feed.services:
        if id(service.data) in nested:
            continue  # checked with its organisation, whose schema holds the service's
        yield from problems_against(service.data, "service", at=service.path)


def _duplicate_ids(feed: Feed) -> Iterator[Problem]:
    """The same id for two things is refused, except for an organisation, venue or term that
    is shared: each of those must be the same one (the same name) wherever it appears."""
    seen: dict[str, tuple[str, Path, Any]] = {}
    roots: list[tuple[str, Path, dict[str, Any]]] = [
        ("organization", path, data) for path, data in feed.organizations
    ]
    roots += [("service", s.path, s.data) for s in feed.services if s.organization is None]
    for kind, path, data in roots:
        yield from _walk(kind, path, data, seen)


def _walk(
    kind: str, path: Path, data: dict[str, Any], seen: dict[str, tuple[str, Path, Any]]
) -> Iterator[Problem]:
    entity_id = data.get("id")
    if isinstance(entity_id, str):
        key = entity_id.lower()
        if key in seen:
            first_kind, first_path, first_name = seen[key]
            if first_kind != kind:
                yield Problem(
                    json_path((*path, "id")),
                    f"the id {entity_id} is already used for a {_words(first_kind)} at "
                    f"{json_path(first_path)}",
                )
            elif kind not in SHARED:
                yield Problem(
                    json_path((*path, "id")),
                    f"the id {entity_id} is used twice: there is another {_words(kind)} with "
                    f"it at {json_path(first_path)}",
                )
            elif data.get("name") != first_name:
                yield Problem(
                    json_path((*path, "name")),
                    f"the {_words(kind)} {entity_id} is called “{data.get('name')}” here "
                    f"but “{first_name}” at {json_path(first_path)}",
                )
            # A shared entity seen before: its contents were walked the first time.
            return
        seen[key] = (kind, path, data.get("name"))
    for key, value in data.items():
        if isinstance(value, dict) and key in ("organization", "location", "taxonomy_term"):
            yield from _walk(key, (*path, key), value, seen)
        elif isinstance(value, list) and key in _SINGULAR:
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _walk(_SINGULAR[key], (*path, key, index), item, seen)


def _words(kind: str) -> str:
    return kind.replace("_", " ")
