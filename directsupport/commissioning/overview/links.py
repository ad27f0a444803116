"""Links to commissioning pages that may not exist yet: each concept's pages are built on their
own, so a page that links across concepts asks for the address and shows no link rather than
failing while the other page is still being written."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse


def link_to(name: str, **kwargs: Any) -> str:
    """The address of the page ``name`` (namespaced), or "" if there is no such page."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""
