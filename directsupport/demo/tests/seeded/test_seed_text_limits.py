"""Nothing the demo writes is longer than its field allows (issue 11, point 6: free text has
limits), so the limits were chosen knowing what real entries look like."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models.functions import Length


def _longest_texts() -> list[tuple[str, int, int]]:
    """(model.field, longest stored, limit) for every text field with a limit."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("directsupport."):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
                continue
            longest = model._default_manager.aggregate(most=models.Max(Length(field.attname)))
            found.append(
                (f"{model._meta.label}.{field.name}", longest["most"] or 0, field.max_length)
            )
    return found


def test_no_demo_text_is_longer_than_its_field_allows(demo):
    measured = _longest_texts()
    too_long = [(name, longest, limit) for name, longest, limit in measured if longest > limit]
    assert too_long == []
    # The walk measured the free text the limits are about.
    assert {"planning.CaptureNote.text", "week.WeekEntry.notes"} <= {n for n, _, _ in measured}
