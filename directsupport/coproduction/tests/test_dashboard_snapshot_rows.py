"""One snapshot per scope and month, held by the database on SQLite and PostgreSQL alike: the
provider as a whole (no council) and each council's people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from directsupport.coproduction.models import ProgrammeSnapshot

pytestmark = pytest.mark.django_db
MONTH = dt.date(2026, 11, 1)


@pytest.mark.parametrize("scope", ["provider as a whole", "one council"])
def test_a_second_row_for_the_same_scope_and_month_is_refused(scope, provider, council):
    chosen = council if scope == "one council" else None
    ProgrammeSnapshot.objects.create(
        provider=provider, council=chosen, month=MONTH, computed_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeSnapshot.objects.create(
            provider=provider, council=chosen, month=MONTH, computed_at=timezone.now()
        )


def test_the_whole_provider_and_a_council_each_have_their_month(provider, council):
    for chosen in (None, council):
        ProgrammeSnapshot.objects.create(
            provider=provider, council=chosen, month=MONTH, computed_at=timezone.now()
        )
    assert ProgrammeSnapshot.objects.count() == 2
