"""Plausible form data for a page: what its own organisation's staff would send.

The walk asks the page as an insider (someone of the world under attack who may use it), reads
the first form that posts, and sends what that form would send, with plain text changed. An
unchecked view that saves whatever is posted then really writes, and the table checksums show
it; a view that only rejects nonsense data cannot hide behind a form error.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

# One-pixel PNG, so an image upload field gets a real image.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
FILLERS = {
    "email": "intruder@elsewhere.example",
    "date": "2026-05-01",
    "time": "10:00",
    "number": "1",
    "url": "https://elsewhere.example",
    "tel": "07700 900999",
    "month": "2026-04",
}
CHANGED = " (changed by the access walk)"
# Words of a plain-text value that the walk changes, so a save shows in the checksums; values
# with digits (postcodes, dates, amounts) are left as they are, so the form stays valid.
_PLAIN_TEXT = re.compile(r"^[^\d]+$")


class _FormReader(HTMLParser):
    """The fields of each form with method="post", in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[dict[str, Any]]] = []
        self._in_form = False
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = a.get("method", "get").lower() == "post"
            if self._in_form:
                self.forms.append([])
            return
        if not self._in_form or not self.forms:
            return
        fields = self.forms[-1]
        if tag == "input" and a.get("name"):
            fields.append({"tag": "input", **a})
        elif tag == "button" and a.get("name"):
            fields.append({"tag": "button", **a})
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "options": [], **a}
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "text": "", **a}
            fields.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data


def _text_value(value: str, kind: str) -> str:
    if not value:
        return FILLERS.get(kind, "Written by someone from another organisation")
    if kind in ("text", "textarea") and _PLAIN_TEXT.match(value):
        return value + CHANGED
    return value


def _field_value(field: dict[str, Any]) -> Any:
    tag, kind = field["tag"], field.get("type", "text").lower()
    if tag == "textarea":
        return _text_value(field["text"].strip(), "textarea")
    if tag == "select":
        options = field["options"]
        chosen = [v for v, selected in options if selected] or [v for v, _ in options if v]
        return chosen[0] if chosen else ""
    if kind == "file":
        accept = field.get("accept", "")
        if "image" in accept or "png" in accept:
            return SimpleUploadedFile("walk.png", _PNG, content_type="image/png")
        return SimpleUploadedFile("walk.csv", b"name,value\nwalk,1\n", content_type="text/csv")
    return _text_value(field.get("value", ""), kind)


def form_data_from(html: str) -> dict[str, Any] | None:
    """What the page's first posting form would send (with its first named button), or None."""
    reader = _FormReader()
    reader.feed(html)
    if not reader.forms:
        return None
    data: dict[str, Any] = {}
    button_seen = False
    for field in reader.forms[0]:
        name, kind = field["name"], field.get("type", "text").lower()
        if name == "csrfmiddlewaretoken" or "disabled" in field:
            continue
        if field["tag"] == "button" or kind == "submit":
            if not button_seen:
                data[name] = field.get("value", "")
                button_seen = True
            continue
        if kind in ("checkbox", "radio"):
            if "checked" in field:
                data.setdefault(name, field.get("value", "on"))
            elif kind == "radio" and name not in data:
                data[name] = field.get("value", "on")
            continue
        data.setdefault(name, _field_value(field))
    return data


def generic_form_data(keywords: dict[str, Any]) -> dict[str, Any]:
    """For a page no insider sees a form on: the URL's own ids and the names most forms use."""
    text = "Written by someone from another organisation"
    return {
        **{k: str(v) for k, v in keywords.items()},
        "name": text,
        "title": text,
        "text": text,
        "label": text,
        "what": text,
        "reason": text,
        "notes": text,
        "description": text,
        "decision": "approve",
        "status": "approved",
        "confirm": "yes",
    }
