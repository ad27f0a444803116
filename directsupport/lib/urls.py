"""``reverse`` that remembers the shape of each address, for the many links on every page.

A page links to many addresses: a person's pages to a dozen tabs, the menu to each section, a
table to each row. Django's ``reverse`` works every one out afresh, and on the person page that
was about a tenth of the page's time. Almost every address here takes only ids (``<id:pk>``,
lib/ids.py), and an id goes into its address as its digits, so the addresses of one name with
any ids share one shape: ``/people/`` id ``/circle/``.

The first time a name is reversed with ids, its shape is worked out once, by reversing it with
marker ids, and checked against Django's own answer for two other sets of ids; after that the
ids are put into the shape. A short word among the arguments (a week's kind, a month) is part of
what a shape is kept for. Anything else goes to Django's ``reverse`` unchanged: longer text, a
bool, a model instance, an id too large to store, and any name whose shape does not check out.
Shapes are kept per URL configuration (a test's ``ROOT_URLCONF``, a request's
own urlconf), script prefix and current app, so each answer is exactly Django's
(tests/test_fast_reverse.py compares the two for every address of the project).

The ``{% url %}`` tag of every template uses it (lib/templatetags/site_builtins.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

from directsupport.lib.ids import storable_id

# Marker ids: 19 digits (a valid id, far beyond any table's), one per id argument.
_MARKER = 7_100_000_000_000_000_000
# Two other sets of ids each shape must reproduce Django's answer for.
_CHECKS = ((0, 1, 2, 3, 4, 5, 6, 7), (41, 2026, 9, 100000, 17, 3, 58, 1))
# A short word or number given as text ("perfect", "2026-11") is part of what a shape is kept
# for, not a gap in it: such values are few (a week's kind, a month). Anything longer or with
# other characters goes to Django every time.
_WORD = re.compile(r"[A-Za-z0-9_-]{1,40}")
# Enough for every name with each of its words; past it, new shapes are not kept.
_MOST_SHAPES = 20_000

# The literal text around the ids, and which argument (a position or a keyword) fills each gap.
Shape = tuple[tuple[str, ...], tuple[int | str, ...]]
_shapes: dict[tuple[Any, ...], Shape | None] = {}


def reverse(
    viewname: str,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """Django's ``reverse(viewname, args=..., kwargs=..., current_app=...)``, quicker for ids."""
    args = tuple(args or ())
    kwargs = dict(kwargs or {})
    words: list[tuple[int | str, str | None]] = []
    named: list[tuple[int | str, Any]] = [*enumerate(args), *sorted(kwargs.items())]
    for name, value in named:
        if _is_id(value):
            words.append((name, None))
        elif isinstance(value, str) and _WORD.fullmatch(text := str(value)):
            # A str subclass too (a week's kind is a TextChoices member), kept by the text
            # Django would put in the address: str(value), as its reverse writes it.
            words.append((name, text))
        else:
            return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    key = (
        viewname,
        tuple(words),
        current_app,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    try:
        shape = _shapes[key]
    except KeyError:
        shape = _shape_of(viewname, args, kwargs, current_app)
        if len(_shapes) < _MOST_SHAPES:
            _shapes[key] = shape
    if shape is None:
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _fill(shape, args, kwargs)


def _is_id(value: Any) -> bool:
    # An int the id converter takes (lib.ids decides what an id is). type() rather than
    # isinstance: True is an int, and an IntEnum may print as its name.
    return type(value) is int and storable_id(value) is not None


def _fill(shape: Shape, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
    pieces, slots = shape
    parts = [pieces[0]]
    for slot, piece in zip(slots, pieces[1:], strict=True):
        parts.append(str(args[slot] if isinstance(slot, int) else kwargs[slot]))
        parts.append(piece)
    return "".join(parts)


def _shape_of(
    viewname: str, args: tuple[Any, ...], kwargs: dict[str, Any], current_app: str | None
) -> Shape | None:
    """The shape of ``viewname``'s address for arguments like these (the same words, any ids),
    or None to always ask Django."""
    named: list[tuple[int | str, Any]] = [*enumerate(args), *kwargs.items()]
    slots = [name for name, value in named if _is_id(value)]
    if len(slots) > len(_CHECKS[0]):
        return None

    def with_ids(ids: Sequence[int]) -> tuple[list[Any], dict[str, Any]]:
        chosen = dict(zip(slots, ids, strict=False))
        return (
            [chosen.get(index, value) for index, value in enumerate(args)],
            {name: chosen.get(name, value) for name, value in kwargs.items()},
        )

    markers = [_MARKER + index for index in range(len(slots))]
    marked_args, marked_kwargs = with_ids(markers)
    try:
        marked = django_reverse(
            viewname, args=marked_args, kwargs=marked_kwargs, current_app=current_app
        )
    except NoReverseMatch:
        return None
    # Where each marker stands; each must appear exactly once.
    found = []
    for slot, marker in zip(slots, markers, strict=True):
        text = str(marker)
        if marked.count(text) != 1:
            return None
        found.append((marked.index(text), slot, len(text)))
    found.sort()
    pieces, order, start = [], [], 0
    for position, slot, length in found:
        pieces.append(marked[start:position])
        order.append(slot)
        start = position + length
    pieces.append(marked[start:])
    shape: Shape = (tuple(pieces), tuple(order))
    for ids in _CHECKS:
        check_args, check_kwargs = with_ids(ids)
        try:
            expected = django_reverse(
                viewname, args=check_args, kwargs=check_kwargs, current_app=current_app
            )
        except NoReverseMatch:
            return None
        if _fill(shape, check_args, check_kwargs) != expected:
            return None
    return shape
