"""Template builtins (settings.TEMPLATES ``builtins``): ``{% url %}`` and the heroicons tags, each
answering exactly as Django's and django-heroicons' own, without redoing their work every time.

- ``{% url %}`` is Django's tag (same syntax, ``as`` included) reversing through
  ``lib.urls.reverse``, which remembers each address's shape.
- ``{% heroicon_outline "name" class="icon" %}`` (and ``_solid``, ``_mini``, ``_micro``) keep
  each drawn icon: django-heroicons copies and serialises the SVG tree on every use, and the
  Perfect Week page draws dozens. Icon names and attributes are literals in our templates, so
  there are a few hundred at most.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.template import defaulttags
from django.template.base import Parser, Token
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from heroicons.templatetags import heroicons as heroicon_tags

from directsupport.lib.urls import reverse

register = template.Library()


class URLNode(defaulttags.URLNode):
    """Django's URLNode.render, reversing through ``lib.urls.reverse``."""

    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            match = getattr(request, "resolver_match", None)
            current_app = match.namespace if match is not None else None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> URLNode:
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)


@functools.lru_cache(maxsize=1024)
def _icon(style: str, name: str, size: int | None, attrs: tuple[tuple[str, str], ...]) -> str:
    # django-heroicons' own tag: what it returns is already marked safe, and kept as it is.
    draw = getattr(heroicon_tags, f"heroicon_{style}")
    drawn: str = draw(name, size=size, **dict(attrs))
    return drawn


def _remembered(style: str, default_size: int) -> Any:
    draw = getattr(heroicon_tags, f"heroicon_{style}")

    def tag(name: str, *, size: int | None = default_size, **attrs: object) -> str:
        if not all(isinstance(value, str | int) for value in attrs.values()):
            drawn: str = draw(name, size=size, **attrs)
            return drawn
        # The attributes as the icon writes them (django-heroicons turns each into text).
        key = tuple(sorted((attr, str(value)) for attr, value in attrs.items()))
        return _icon(style, str(name), size, key)

    tag.__name__ = f"heroicon_{style}"
    return tag


# Module-level too: the Jinja2 page bodies draw the same remembered icons (lib/jinja_env.py).
heroicon_outline = _remembered("outline", 24)
heroicon_solid = _remembered("solid", 24)
heroicon_mini = _remembered("mini", 20)
heroicon_micro = _remembered("micro", 16)
for _tag in (heroicon_outline, heroicon_solid, heroicon_mini, heroicon_micro):
    register.simple_tag(_tag, name=_tag.__name__)
