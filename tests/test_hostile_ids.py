"""Ids too large to exist answer 404 or a form error, never 500 (issue 11, point 5).

A 23-digit number overflows the database's 64-bit keys (SQLite raises OverflowError,
PostgreSQL "bigint out of range"). One converter (``<id:...>``) and two form fields
(``IdChoiceField``, ``IdMultipleChoiceField``) in directsupport/lib/ids.py keep such numbers
away from the database; these tests walk every URL pattern and every model-choice field in every
form, so a new ``<int:pk>`` or a plain ``forms.ModelChoiceField`` fails here.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter
from django.urls.exceptions import Resolver404

from directsupport import lib
from directsupport.accounts.admin_site import admin_site
from directsupport.lib.ids import (
    LARGEST_ID,
    IdChoiceField,
    IdMultipleChoiceField,
    ObjectIdConverter,
    storable_id,
)
from directsupport.market.models import Service, Supplier
from directsupport.people.models import Person
from directsupport.planning.models import PlanningEvent

HOSTILE = "9" * 23
# Values for the parameters that are not ids, so the pattern is reached at all.
NOT_IDS = {"week_kind": "perfect", "month": "2026-04", "kind": "one-page-profile", "token": "x"}
# A refusal, or the method not allowed: anything but a crash (or a page).
REFUSED = {400, 404, 405}


# --- Every URL pattern ---------------------------------------------------------------------


def _routes(patterns: list[Any], prefix: str = "", converters: dict[str, Any] | None = None):
    """(route text, {parameter: converter}) for every URL pattern but the back office's."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            if entry.namespace == admin_site.name:
                continue  # its <path:object_id> is tested below
            yield from _routes(entry.url_patterns, route, found)
        elif isinstance(entry, URLPattern):
            yield route, found


ROUTES = sorted(
    set((route, tuple(sorted(c.items()))) for route, c in _routes(get_resolver().url_patterns)),
    key=lambda item: item[0],
)


def _is_id(name: str, converter: Any) -> bool:
    return (
        isinstance(converter, IntConverter | ObjectIdConverter)
        or name == "id"
        or (name.endswith("pk"))
    )


def _filled(route: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _hostile_urls() -> Iterator[tuple[str, str]]:
    """Each id-like parameter of each pattern in turn set to 23 digits (the others to 1)."""
    for route, converters in ROUTES:
        ids = [name for name, converter in converters if _is_id(name, converter)]
        for hostile in ids:
            values = {name: ("1" if name in ids else NOT_IDS[name]) for name, _ in converters}
            values[hostile] = HOSTILE
            yield route, _filled(route, values)


HOSTILE_URLS = list(_hostile_urls())


def test_every_id_in_a_url_uses_the_id_converter():
    """``<int:...>`` lets any number through to the database; ``<id:...>`` only storable ones."""
    plain = [
        f"{route} ({name})"
        for route, converters in ROUTES
        for name, converter in converters
        if isinstance(converter, IntConverter)
    ]
    assert not plain, f"Use <id:...> instead of <int:...> in: {plain}"
    assert len(HOSTILE_URLS) > 100  # the walk found the project's patterns


@pytest.mark.django_db
def test_every_url_answers_404_to_an_id_too_large_to_exist(client_for, manager, dee):
    client = client_for(manager)
    client.raise_request_exception = False
    crashed = []
    for route, url in HOSTILE_URLS:
        for method in (client.get, client.post):
            # Each request in its own savepoint: one crash must not break the requests after it.
            with transaction.atomic():
                status = method(url).status_code
            if status not in REFUSED:
                crashed.append(f"{method.__name__.upper()} {url} ({route}): {status}")
    assert not crashed, "\n".join(crashed)


@pytest.mark.django_db
def test_the_back_office_refuses_an_id_too_large_to_exist(client_for, manager, dee):
    manager.is_staff = True
    manager.save(update_fields=["is_staff"])
    client = client_for(manager)
    client.raise_request_exception = False
    answers = {}
    for model in admin_site._registry:
        base = f"/back-office/{model._meta.app_label}/{model._meta.model_name}/"
        for url in (f"{base}{HOSTILE}/change/", f"{base}{HOSTILE}/history/", f"{base}{HOSTILE}/"):
            answers[url] = client.get(url).status_code
    # The admin's own answer to an unknown object: back to its index with a message.
    assert {url: status for url, status in answers.items() if status not in {302, 404}} == {}
    filtered = client.get(f"/back-office/people/person/?area__id__exact={HOSTILE}")
    assert filtered.status_code == 200
    assert "0 people" in filtered.text


@pytest.mark.django_db
def test_a_query_string_id_too_large_to_exist_finds_nothing(client_for, coordinator, dee):
    client = client_for(coordinator)
    page = client.get(f"/market/people/{dee.pk}/needs/add/?outcome={HOSTILE}")
    assert page.status_code == 200
    event = PlanningEvent.objects.create(
        organisation=dee.organisation, title="Spring day", date="2026-03-14"
    )
    searched = client.get(f"/planning/events/{event.pk}/people/add/?people={HOSTILE}&q=Dee")
    assert searched.status_code == 200


@pytest.mark.django_db
def test_an_ordinary_id_still_reaches_its_page(client_for, manager, dee):
    url = reverse("people:detail", kwargs={"pk": dee.pk})
    assert url == f"/people/{dee.pk}/"
    assert client_for(manager).get(url).status_code == 200


def test_the_largest_storable_id_matches_and_one_more_does_not():
    assert resolve(f"/people/{LARGEST_ID}/").kwargs == {"pk": LARGEST_ID}
    with pytest.raises(Resolver404):
        resolve(f"/people/{LARGEST_ID + 1}/")
    assert storable_id("0042") == 42
    for garbled in ("", "-1", "1e5", "٣", " ", "9" * 5000, True, LARGEST_ID + 1):
        assert storable_id(garbled) is None


# --- Every model-choice field in every form ------------------------------------------------


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class the project's apps define (their modules imported, tests and migrations
    not): ``directsupport.lib`` and each installed ``directsupport`` app."""
    ours = [
        config.name for config in apps.get_app_configs() if config.name.startswith("directsupport.")
    ]
    packages = [lib, *(importlib.import_module(name) for name in ours)]
    for package in packages:
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".tests" not in module.name and ".migrations" not in module.name:
                importlib.import_module(module.name)

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {
            cls
            for cls in subclasses(forms.BaseForm)
            if cls.__module__.startswith("directsupport.") and ".tests" not in cls.__module__
        },
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _model_choices(form_class: type[forms.BaseForm]) -> dict[str, forms.ModelChoiceField]:
    return {
        name: field
        for name, field in form_class.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.ModelChoiceField)
    }


FORMS_WITH_CHOICES = [cls for cls in _project_forms() if _model_choices(cls)]


def _hostile_value(field: forms.Field) -> Any:
    return [HOSTILE] if isinstance(field, forms.ModelMultipleChoiceField) else HOSTILE


def test_the_walk_finds_the_forms_that_choose_objects():
    names = {cls.__name__ for cls in FORMS_WITH_CHOICES}
    assert {"EventForm", "AddPeopleForm", "PersonForm", "InvitationsForm"} <= names


@pytest.mark.parametrize("form_class", FORMS_WITH_CHOICES, ids=lambda cls: cls.__name__)
def test_every_model_choice_field_refuses_an_id_too_large_to_exist(db, form_class):
    """Each field on its own, against every row of its model (a real database query)."""
    for name, field in _model_choices(form_class).items():
        assert isinstance(field, IdChoiceField | IdMultipleChoiceField), (
            f"{form_class.__name__}.{name}: use lib.ids.IdChoiceField or IdMultipleChoiceField "
            "(or formfield_callback = id_formfield on a ModelForm)"
        )
        assert field.queryset is not None
        alone = copy.deepcopy(field)
        alone.queryset = field.queryset.model._default_manager.all()
        with pytest.raises(forms.ValidationError) as refused:
            alone.clean(_hostile_value(field))
        assert refused.value.code == "invalid_choice", f"{form_class.__name__}.{name}"


def _form_kwargs(form_class: type[forms.BaseForm], objects: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments the form needs, from ``objects``; fails naming any not there."""
    needed = [
        param.name
        for param in inspect.signature(form_class.__init__).parameters.values()
        if param.kind is param.KEYWORD_ONLY and param.default is param.empty
    ]
    missing = [name for name in needed if name not in objects]
    assert not missing, f"{form_class.__name__}: add {missing} to the objects in this test"
    return {name: objects[name] for name in needed}


@pytest.mark.parametrize("form_class", FORMS_WITH_CHOICES, ids=lambda cls: cls.__name__)
def test_every_form_shows_an_error_for_an_id_too_large_to_exist(db, form_class, dee, provider):
    """The whole form, made as its view makes it, posted with 23-digit ids: an error, no crash."""
    objects = {
        "person": dee,
        "organisation": provider,
        "organisation_id": provider.pk,
        "people": [dee],
        "candidates": Person.objects.all(),
        "services": Service.objects.all(),
        "suppliers": Supplier.objects.all(),
    }
    choices = _model_choices(form_class)
    form = form_class(
        data={name: _hostile_value(field) for name, field in choices.items()},
        **_form_kwargs(form_class, objects),
    )
    assert not form.is_valid()
    for name in choices:
        assert name not in form.cleaned_data, f"{form_class.__name__}.{name} accepted it"
