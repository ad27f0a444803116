"""The public Open Referral UK API (HSDS 3.0 profile), mounted at /openreferral/.

Anyone may read it, with no sign-in, session or cookie: it holds only what suppliers chose to
publish (``market.access.published_services``, the one place that says what that is). JSON
only. CORS is open to every origin for these addresses alone (settings.CORS_URLS_REGEX), as the
profile expects of a public directory.

The profile's OpenAPI file defines no error body, so errors here have one shape of their own:
``{"status": 404, "error": "Not Found", "message": "..."}``, and for a 400 also ``"errors"``,
one ``{"parameter": ..., "message": ...}`` for each parameter that cannot be used.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Sequence
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from directsupport.accounts.middleware import two_factor_exempt
from directsupport.market.access import published_services
from directsupport.market.models import (
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

from .filters import (
    BadQuery,
    Paging,
    filter_places,
    filter_services,
    read_paging,
    read_service_filters,
)
from .publish import (
    Document,
    api_information,
    service_at_location_document,
    service_brief,
    service_full,
    taxonomy_document,
    taxonomy_id,
    term_document,
)
from .validation import standard_file

View = Callable[..., HttpResponse]
# Pages in the order services were added: a service added (or renamed) while a client pages
# through never shifts the pages it has read, and no page needs a sort of the whole directory
# (ordering by organisation name took 30 ms a page deep into 2,000 suppliers; this takes 2).
SERVICE_ORDER = ("pk",)
# What a service's one-to-one form shows (publish.service_brief), and nothing else: a list page
# then builds no JSON fields and no timestamps it does not print (half of its time, measured).
BRIEF_FIELDS = (
    "uuid",
    "name",
    "description",
    "status",
    "minimum_age",
    "maximum_age",
    "updated_at",
    "supplier__uuid",
    "supplier__description",
    "supplier__email",
    "supplier__website",
    "supplier__accreditations",
    "supplier__updated_at",
    "supplier__organisation__name",
)


class NotFound(Exception):
    """An id this API does not publish: a 404 in the API's error shape."""


def _json(payload: object, status: int = 200) -> JsonResponse:
    return JsonResponse(
        payload, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )


def _error(status: HTTPStatus, message: str, errors: dict[str, str] | None = None) -> JsonResponse:
    body: Document = {"status": status.value, "error": status.phrase, "message": message}
    if errors is not None:
        body["errors"] = [{"parameter": name, "message": words} for name, words in errors.items()]
    return _json(body, status=status.value)


def public_api(view: View) -> View:
    """A public, read-only API view: no sign-in (nor two-factor), GET or HEAD only, bad
    parameters a 400 and unknown ids a 404, both in the API's error shape."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = _error(HTTPStatus.METHOD_NOT_ALLOWED, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadQuery as problem:
            return _error(
                HTTPStatus.BAD_REQUEST,
                "Some query parameters cannot be used: see errors.",
                problem.errors,
            )
        except NotFound as missing:
            return _error(HTTPStatus.NOT_FOUND, str(missing))

    return login_not_required(two_factor_exempt(wrapped))


def _page(
    items: QuerySet[Any] | Sequence[Any], paging: Paging, document: Callable[[Any], Document]
) -> Document:
    """The profile's page: its counts and flags, then ``contents``. A page past the last is
    empty rather than an error, so a client paging on never fails."""
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = math.ceil(total / paging.per_page)
    start = (paging.page - 1) * paging.per_page
    contents = [document(item) for item in items[start : start + paging.per_page]]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def _uuid(text: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound(f"There is no published {what} with the id “{text[:80]}”.") from None


def _full_services() -> QuerySet[Service]:
    """Published services with everything a fully nested service shows, in a fixed number of
    queries however many schedules, areas, prices, venues and terms each has."""
    return (
        published_services()
        .select_related("supplier__organisation", "supplier__base_district")
        .prefetch_related(
            "schedules",
            Prefetch("areas", queryset=ServiceArea.objects.select_related("district")),
            "cost_options",
            Prefetch("at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("parent")),
        )
    )


# --- Views ----------------------------------------------------------------------------------


@public_api
def api_root(request: HttpRequest) -> HttpResponse:
    return _json(api_information(request.build_absolute_uri(reverse("openreferral:openapi"))))


@public_api
def openapi(request: HttpRequest) -> HttpResponse:
    """The profile's OpenAPI description, which this API follows."""
    return _json(standard_file("openapi"))


@public_api
def services(request: HttpRequest) -> HttpResponse:
    paging, filters = read_service_filters(request.GET)
    found = (
        filter_services(published_services(), filters)
        .select_related("supplier__organisation")
        .only(*BRIEF_FIELDS)
        .order_by(*SERVICE_ORDER)
    )
    return _json(_page(found, paging, service_brief))


@public_api
def service(request: HttpRequest, id: str) -> HttpResponse:
    found = _full_services().filter(uuid=_uuid(id, "service")).first()
    if found is None:
        raise NotFound(f"There is no published service with the id “{id}”.")
    return _json(service_full(found))


@public_api
def service_at_locations(request: HttpRequest) -> HttpResponse:
    paging, filters = read_service_filters(request.GET, places=True)
    links = (
        filter_places(ServiceAtLocation.objects.all(), filters, published_services())
        .select_related("location", "service__supplier__organisation")
        .only(
            "uuid",
            "location__uuid",
            "location__name",
            *(f"service__{name}" for name in BRIEF_FIELDS),
        )
        .order_by("pk")
    )
    return _json(_page(links, paging, service_at_location_document))


@public_api
def service_at_location(request: HttpRequest, id: str) -> HttpResponse:
    link = (
        ServiceAtLocation.objects.filter(
            uuid=_uuid(id, "service at a location"),
            service__in=published_services().values("pk"),
        )
        .select_related("location")
        .first()
    )
    if link is None:
        raise NotFound(f"There is no published service at a location with the id “{id}”.")
    link.service = _full_services().get(pk=link.service_id)
    return _json(service_at_location_document(link, full=True))


def _vocabularies() -> list[str]:
    return sorted(TaxonomyTerm.objects.order_by().values_list("vocabulary", flat=True).distinct())


@public_api
def taxonomies(request: HttpRequest) -> HttpResponse:
    paging = read_paging(request.GET)
    return _json(_page(_vocabularies(), paging, taxonomy_document))


@public_api
def taxonomy(request: HttpRequest, id: str) -> HttpResponse:
    wanted = str(_uuid(id, "taxonomy"))
    for vocabulary in _vocabularies():
        if taxonomy_id(vocabulary) == wanted:
            terms = TaxonomyTerm.objects.filter(vocabulary=vocabulary).select_related("parent")
            return _json(taxonomy_document(vocabulary, list(terms.order_by("name", "pk"))))
    raise NotFound(f"There is no taxonomy with the id “{id}”.")


@public_api
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    paging = read_paging(request.GET)
    terms = TaxonomyTerm.objects.select_related("parent").order_by("vocabulary", "name", "pk")
    return _json(_page(terms, paging, term_document))


@public_api
def taxonomy_term(request: HttpRequest, id: str) -> HttpResponse:
    term = (
        TaxonomyTerm.objects.select_related("parent")
        .filter(uuid=_uuid(id, "taxonomy term"))
        .first()
    )
    if term is None:
        raise NotFound(f"There is no taxonomy term with the id “{id}”.")
    return _json(term_document(term))
