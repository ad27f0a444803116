"""lib.urls.reverse answers exactly as Django's reverse for every address of the project, and the
template builtins ({% url %}, the heroicon tags) exactly as Django's and django-heroicons' own."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    clear_script_prefix,
    get_resolver,
    path,
    set_script_prefix,
)
from django.urls import reverse as django_reverse
from django.urls.converters import IntConverter
from heroicons.templatetags import heroicons as heroicon_tags

from directsupport.lib import urls as fast_urls
from directsupport.lib.ids import LARGEST_ID, ObjectIdConverter
from directsupport.lib.urls import reverse

ID_SETS = ((1, 2, 3, 4), (0, 0, 0, 0), (987654, 12, 5555, 31), (LARGEST_ID, 7, 8, 9))
WORDS = ("perfect", "2026-11", "current")


def _named_patterns() -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, {keyword: converter}) for every named pattern, namespaces and converters summed."""

    def walk(entries: list[Any], namespace: str, converters: dict[str, Any]) -> Iterator[Any]:
        for entry in entries:
            found = {**converters, **entry.pattern.converters}
            if isinstance(entry, URLResolver):
                child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, child, found)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}{entry.name}", found

    yield from walk(get_resolver().url_patterns, "", {})


def _is_id_converter(converter: Any) -> bool:
    return isinstance(converter, ObjectIdConverter | IntConverter)


PATTERNS = sorted(set((name, tuple(sorted(c.items()))) for name, c in _named_patterns()))


def test_the_walk_finds_the_project():
    names = {name for name, _ in PATTERNS}
    assert {"people:detail", "week:entry_edit", "funds:statement", "home"} <= names
    assert len(PATTERNS) > 300


@pytest.mark.parametrize(("name", "converters"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_same_address_as_django(name, converters):
    words = iter(WORDS * 3)
    fixed = {key: next(words) for key, converter in converters if not _is_id_converter(converter)}
    id_keys = [key for key, converter in converters if _is_id_converter(converter)]
    for ids in ID_SETS:
        kwargs = {**fixed, **dict(zip(id_keys, ids, strict=False))}
        try:
            expected = django_reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reverse(name, kwargs=kwargs)
            continue
        assert reverse(name, kwargs=kwargs) == expected
        # Asked again (now from the kept shape) the answer is the same.
        assert reverse(name, kwargs=kwargs) == expected


def test_ids_fill_a_kept_shape():
    """The quick way is taken (else this module would only prove Django equals itself)."""
    fast_urls._shapes.clear()
    assert reverse("people:detail", kwargs={"pk": 5}) == "/people/5/"
    assert reverse("people:detail", args=[77]) == "/people/77/"
    kept = [shape for shape in fast_urls._shapes.values() if shape is not None]
    assert ("/people/", "/") in [pieces for pieces, _ in kept]
    assert reverse("week:entry_edit", args=[3, "perfect", 9]) == django_reverse(
        "week:entry_edit", args=[3, "perfect", 9]
    )


class Colour(enum.IntEnum):
    RED = 1


class PlainKind(str, enum.Enum):  # noqa: UP042 (a StrEnum's str() is its value)
    """A str enum whose str() is "PlainKind.PERFECT", not its value."""

    PERFECT = "perfect"


def test_a_word_given_as_a_str_subclass_takes_the_quick_way_as_django_writes_it():
    """A week's kind is a TextChoices member: kept by the text Django puts in the address, so a
    str enum whose str() differs from its value never shares a plain word's shape."""
    from directsupport.week.models import WeekKind

    fast_urls._shapes.clear()
    assert (
        reverse("week:entry_add", args=[3, WeekKind.PERFECT])
        == "/week/people/3/perfect/entries/add/"
    )
    kept = [key for key, shape in fast_urls._shapes.items() if shape is not None]
    assert [key[1] for key in kept if key[0] == "week:entry_add"] == [((0, None), (1, "perfect"))]
    for kind in ("perfect", PlainKind.PERFECT, "PlainKind.PERFECT", WeekKind.CURRENT):
        assert reverse("week:entry_add", args=[3, kind]) == django_reverse(
            "week:entry_add", args=[3, kind]
        )


@pytest.mark.parametrize(
    "value",
    [-1, True, LARGEST_ID + 1, "12", "two words", "a/b", "x" * 41, 1.0, None, Colour.RED],
    ids=repr,
)
def test_anything_but_an_id_or_a_short_word_goes_to_django(value):
    try:
        expected: str | type[Exception] = django_reverse("people:detail", kwargs={"pk": value})
    except NoReverseMatch:
        expected = NoReverseMatch
    if expected is NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            reverse("people:detail", kwargs={"pk": value})
    else:
        assert reverse("people:detail", kwargs={"pk": value}) == expected


def test_unknown_names_and_wrong_arguments_raise_as_django():
    with pytest.raises(NoReverseMatch):
        reverse("people:no_such_page", args=[1])
    with pytest.raises(NoReverseMatch):
        reverse("people:detail", args=[1, 2])
    with pytest.raises(NoReverseMatch):
        reverse("people:detail", kwargs={"wrong": 1})


def _only_page(request: Any, pk: int) -> HttpResponse:
    return HttpResponse("never asked for: only reversed")


urlpatterns = [path("elsewhere/<int:pk>/", _only_page, name="detail_elsewhere")]


def test_shapes_are_kept_per_url_configuration_and_script_prefix():
    assert reverse("people:detail", args=[4]) == "/people/4/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse("detail_elsewhere", args=[4]) == "/elsewhere/4/"
        with pytest.raises(NoReverseMatch):
            reverse("people:detail", args=[4])
    set_script_prefix("/dys/")
    try:
        assert reverse("people:detail", args=[4]) == "/dys/people/4/"
    finally:
        clear_script_prefix()
    assert reverse("people:detail", args=[4]) == "/people/4/"


def test_url_tag_is_djangos_tag():
    template = Template(
        "{% url 'people:detail' pk %}|{% url 'week:entry_edit' pk kind 9 %}|"
        "{% url 'people:no_such_page' as missing %}[{{ missing }}]|"
        "{% url 'people:detail' pk as there %}{{ there }}"
    )
    rendered = template.render(Context({"pk": 12, "kind": "perfect"}))
    assert rendered == (
        f"/people/12/|{django_reverse('week:entry_edit', args=[12, 'perfect', 9])}|[]|/people/12/"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'people:no_such_page' %}").render(Context({}))


def test_url_tag_escapes_as_django_does():
    rendered = Template("{% url 'people:list' %}?{% url 'people:detail' 3 %}").render(Context())
    assert rendered == "/people/?/people/3/"


@pytest.mark.parametrize("style", ["outline", "solid", "mini", "micro"])
def test_icons_are_django_heroicons_own(style):
    template = Template(f'{{% heroicon_{style} "banknotes" class="icon" aria_hidden="true" %}}')
    expected = getattr(heroicon_tags, f"heroicon_{style}")(
        "banknotes", **{"class": "icon", "aria_hidden": "true"}
    )
    assert template.render(Context()) == expected
    assert template.render(Context()) == expected  # the kept copy, the second time
    sized = Template(f'{{% heroicon_{style} "banknotes" size=40 %}}').render(Context())
    assert sized == getattr(heroicon_tags, f"heroicon_{style}")("banknotes", size=40)


def test_every_address_taking_only_ids_has_a_kept_shape():
    fast_urls._shapes.clear()
    asked = 0
    for name, converters in PATTERNS:
        if converters and all(_is_id_converter(converter) for _, converter in converters):
            reverse(name, kwargs={key: 5 for key, _ in converters})
            asked += 1
    assert asked > 150
    assert len(fast_urls._shapes) == asked
    assert None not in fast_urls._shapes.values()
