"""``{% jinja "app/part.jinja" name=value %}``: a Jinja2 part drawn inside a Django template.

For a hot part that more than one Django page shows (a statement's figures on screen and in the
PDF, the circle in words on three pages): the part is written once, in Jinja2, and each page
draws it from its own context, with the named values added. See lib/jinja_env.py for why Jinja2.
"""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.utils.safestring import SafeString

from directsupport.lib.jinja_env import draw_part

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context: template.Context, template_name: str, **values: Any) -> SafeString:
    return draw_part(template_name, {**cast(dict[str, Any], context.flatten()), **values})
