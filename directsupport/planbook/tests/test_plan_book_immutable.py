"""The database itself refuses to change or remove a published Plan Book version."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from directsupport.audit.maintenance import audit_maintenance
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

from .plan_book_support import version_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(coordinator, dee) -> PlanBookVersion:
    return version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)


def test_a_raw_update_of_a_published_version_is_refused(published):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE planning_planbookversion SET introduction = %s WHERE id = %s",
            ["Rewritten", published.pk],
        )

    assert PlanBookVersion.objects.get(pk=published.pk).introduction == ""


def test_a_queryset_update_of_a_published_version_is_refused(published):
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanBookVersion.objects.filter(pk=published.pk).update(status=PlanBookStatus.DRAFT)

    assert PlanBookVersion.objects.get(pk=published.pk).status == PlanBookStatus.PUBLISHED


def test_a_published_version_cannot_be_deleted(published):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM planning_planbookversion WHERE id = %s", [published.pk])

    assert PlanBookVersion.objects.filter(pk=published.pk).exists()


def test_versions_not_yet_published_change_freely_and_may_be_published(coordinator, dee):
    version = version_at(dee, PlanBookStatus.AGREED, by=coordinator)

    PlanBookVersion.objects.filter(pk=version.pk).update(status=PlanBookStatus.PUBLISHED)

    assert PlanBookVersion.objects.get(pk=version.pk).status == PlanBookStatus.PUBLISHED


def test_audit_maintenance_alone_may_remove_published_versions(published):
    """Test-database flushes (and, later, retention) run in audit maintenance."""
    with audit_maintenance():
        PlanBookVersion.objects.filter(pk=published.pk).delete()

    assert not PlanBookVersion.objects.filter(pk=published.pk).exists()
