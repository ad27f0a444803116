"""The one edit-conflict check (directsupport/lib/conflicts.py), on a real record with a version:
a save from the version the user loaded goes through and moves the version on; a save from an
older version changes nothing and hands back the record as it now stands."""

from __future__ import annotations

import pytest

from directsupport.lib import conflicts
from directsupport.people.models import Person
from directsupport.people.services import EditConflict

pytestmark = pytest.mark.django_db


def test_a_save_from_the_version_loaded_goes_through(dee):
    loaded = dee.version
    conflicts.update_at_version(
        Person.objects.all(), dee.pk, loaded, EditConflict, first_name="Ada"
    )
    dee.refresh_from_db()
    assert (dee.first_name, dee.version) == ("Ada", loaded + 1)


def test_a_save_from_an_older_version_changes_nothing_and_shows_what_is_there(dee):
    loaded = dee.version
    conflicts.update_at_version(
        Person.objects.all(), dee.pk, loaded, EditConflict, first_name="Ada"
    )
    with pytest.raises(EditConflict) as conflict:
        conflicts.update_at_version(
            Person.objects.all(), dee.pk, loaded, EditConflict, first_name="Adaobi"
        )
    dee.refresh_from_db()
    assert (dee.first_name, dee.version) == ("Ada", loaded + 1)
    assert (conflict.value.saved.first_name, conflict.value.saved.version) == ("Ada", loaded + 1)
    assert str(conflict.value) == f"Person {dee.pk} is at version {loaded + 1}"


def test_check_version_passes_the_current_and_refuses_a_stale_one(dee):
    conflicts.check_version(dee, dee.version, EditConflict)
    with pytest.raises(EditConflict) as conflict:
        conflicts.check_version(dee, dee.version - 1, EditConflict)
    assert conflict.value.saved is dee
