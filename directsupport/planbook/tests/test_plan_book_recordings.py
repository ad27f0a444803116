"""Graphic recordings once they are in a Plan Book (moved from planning's recording tests: they
meet the Plan Book here, above planning)."""

from __future__ import annotations

import pytest

from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.tests.test_graphic_recordings import image_url, recording

pytestmark = pytest.mark.django_db

__all__ = ["recording"]


def test_the_commissioner_never_sees_a_recording_even_once_published(
    client_for, coordinator, commissioner, dee, recording
):
    PlanBookVersion.objects.create(
        person=dee,
        number=1,
        status=PlanBookStatus.PUBLISHED,
        content=compile_plan_book(dee),
        created_by=coordinator,
    )

    assert client_for(commissioner).get(image_url(dee, recording)).status_code == 404
