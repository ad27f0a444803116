"""Every URL pattern of the project, found by walking the resolver, and how the walk treats it.

A pattern with an id-like keyword (anything in its path: ``<int:pk>``, ``<str:month>``...) is
*checked*: filled with another organisation's ids it must answer 404 (or 405) to every outsider.
A pattern without one is the signed-in user's own page (their home, their organisation's lists
and "add" forms): checked for leaking nothing of the other organisation and changing none of its
rows. Public patterns and skipped namespaces are listed here, each with its reason. A pattern
that fits none of these (an unknown keyword, a missing name) fails the walk with a message
saying what to add where.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Reached without signing in: name -> why that is right.
PUBLIC: dict[str, str] = {
    "healthz": "the load balancer's health check; says only 'ok'",
    "accounts:login": "the sign-in page",
    "accounts:logout": "signing out (also ends the walk's session, so never walked signed in)",
    "accounts:forgotten_password": "asking for a reset link; answers the same for any address",
    "team:set_password": "the emailed one-time link; its signed token is the credential",
    "week:calendar_feed": "a calendar app cannot sign in: the secret token is the credential "
    "(week/tests cover unknown and revoked tokens)",
    **{
        f"openreferral:{name}": "the Open Referral UK API: public open data, only what suppliers "
        "published (market.access.published_services; market/tests/test_openreferral_api.py)"
        for name in (
            "root",
            "openapi",
            "services",
            "service",
            "service_at_locations",
            "service_at_location",
            "taxonomies",
            "taxonomy",
            "taxonomy_terms",
            "taxonomy_term",
        )
    },
}

# Namespaces the walk does not enter: namespace -> why, and where they are tested instead.
SKIPPED_NAMESPACES: dict[str, str] = {
    "back_office": "Django's admin answers an object outside a ModelAdmin's queryset with a "
    "redirect to its index, not a 404; accounts/tests/test_admin.py checks that only "
    "back-office managers get in and that each ModelAdmin shows only their organisation's rows",
}

# Reference data every provider's directory shares, as Open Referral UK's are (kinds of support
# and activity): no organisation owns a term, so another provider's market shaper or manager
# keeps them too. Other roles must still get 404 or 405.
SHARED_REFERENCE: dict[str, str] = {
    "market:term_rename": "taxonomy terms are shared reference data that any provider's "
    "directory keepers maintain (market/access.py check_may_keep_directory)",
}

# What a keyword names, when it is not the keyword itself (``pk`` is a person unless said here):
# by URL name first, then by namespace.
KEYWORD_BY_ROUTE: dict[str, dict[str, str]] = {
    "team": {"pk": "user_pk"},  # team pages take a user's pk
    "retention:erasure": {"pk": "erasure_pk"},
}


@dataclass(frozen=True)
class Route:
    name: str  # "people:edit"; "" for a pattern without a name
    path: str  # "people/<int:pk>/change/"
    callback: Any
    keywords: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    def object_key(self, keyword: str) -> str:
        """The key in World.ids that this keyword's value comes from."""
        by_route = KEYWORD_BY_ROUTE.get(self.name) or KEYWORD_BY_ROUTE.get(self.namespace, {})
        return by_route.get(keyword, keyword)

    def url(self, ids: dict[str, Any]) -> str:
        return reverse(self.name, kwargs={k: ids[self.object_key(k)] for k in self.keywords})


@dataclass(frozen=True)
class SkippedRoute:
    path: str
    reason: str


def _walk(
    patterns: list[Any], namespace: str, prefix: str, keywords: tuple[str, ...]
) -> Iterator[Route | SkippedRoute]:
    for entry in patterns:
        path = prefix + str(entry.pattern)
        found = keywords + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                yield SkippedRoute(path, SKIPPED_NAMESPACES[entry.namespace])
                continue
            child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, child, path, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield Route(name, path, entry.callback, found)


def all_routes(urlconf: str | None = None) -> list[Route]:
    """Every pattern the walk checks, found afresh from the resolver (so a view added by anyone,
    in any app, is walked without being listed anywhere)."""
    found = _walk(get_resolver(urlconf).url_patterns, "", "", ())
    return sorted((r for r in found if isinstance(r, Route)), key=lambda r: (r.name, r.path))


def problems_with(routes: list[Route], ids: dict[str, Any]) -> list[str]:
    """Why a pattern cannot be walked, with the fix, for each pattern that cannot."""
    problems = []
    for route in routes:
        if not route.name:
            problems.append(
                f"URL pattern {route.path!r} has no name, so the access walk cannot reverse it: "
                "give it a name= in its urls.py."
            )
            continue
        if route.name in PUBLIC:
            continue
        unknown = [k for k in route.keywords if route.object_key(k) not in ids]
        if unknown:
            problems.append(
                f"URL pattern {route.name} ({route.path}) takes {unknown}, which the access walk "
                "does not know: add the id of the other organisation's object it names to "
                "World.ids in tests/access_walk/world.py (furnish), or, if the page is truly "
                "public, list it in PUBLIC in tests/access_walk/routes.py with the reason."
            )
    return problems


def unlisted_public_pages(routes: list[Route]) -> list[str]:
    """Patterns reachable without signing in but not listed in PUBLIC, and listed ones that are
    no longer public: either way someone must decide, knowingly, and say why in PUBLIC."""
    public = {r.name or r.path for r in routes if not getattr(r.callback, "login_required", True)}
    return sorted(public ^ set(PUBLIC))
