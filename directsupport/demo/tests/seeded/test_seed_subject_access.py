"""Subject access in the demo: Dee's answered request and Shanice's, asked by her mum, due soon;
and the copy of the richest demo person holds their rows from every registered model, and only
theirs (the ZIP opened, each JSON file parsed and compared with the database)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from io import BytesIO

from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.demo.credentials import demo_backup_codes
from directsupport.lib.person_records import registered
from directsupport.people.models import Person
from directsupport.subject_access.export import collect, write_zip
from directsupport.subject_access.models import (
    DUE_SOON_DAYS,
    RequestedBy,
    RequestStatus,
    SubjectAccessRequest,
)

from ..conftest import sign_in_through_pages


def _rows_per_model(person: Person) -> dict[str, int]:
    return {entry.key: entry.rows_for(person.pk).count() for entry in registered()}


def richest(people: list[Person]) -> tuple[Person, dict[str, int]]:
    """The demo person with rows in the most registered models (then the most rows)."""
    counted = [(person, _rows_per_model(person)) for person in people]
    return max(
        counted, key=lambda pair: (sum(1 for n in pair[1].values() if n), sum(pair[1].values()))
    )


def test_dee_has_an_answered_request_with_her_copy(demo):
    sar = SubjectAccessRequest.objects.get(person__first_name="Adaeze")
    assert sar.status == RequestStatus.READY and sar.requested_by == RequestedBy.PERSON
    assert sar.received_on <= timezone.localdate() <= sar.due_on
    with storages["private"].open(sar.file.name, "rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == sar.file_sha256


def test_shanices_mum_asked_and_it_is_due_soon(demo):
    sar = SubjectAccessRequest.objects.get(person__first_name="Shanice")
    assert sar.status == RequestStatus.RECEIVED
    assert sar.representative is not None and sar.representative.name == "Paulette Campbell"
    assert sar.is_due_soon(timezone.localdate())
    assert 0 < sar.days_left(timezone.localdate()) <= DUE_SOON_DAYS


def test_the_coordinators_list_warns_of_shanices_request(demo):
    priya = User.objects.get(email="priya.shah@willowbrook.example")
    client, _ = sign_in_through_pages(priya.email, code=_backup_code(priya))
    page = client.get(reverse("subject_access:list")).content.decode()
    assert "Shanice" in page and "Due in" in page


def test_the_copy_of_the_richest_demo_person_holds_every_registered_model(demo):
    person, expected = richest(list(Person.objects.all()))
    out = BytesIO()
    write_zip(
        out,
        person=person,
        sections=collect(person),
        produced_by=None,
        produced_at=timezone.now(),
        request_id=None,
    )
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {
            entry.key: json.loads(archive.read(f"data/{entry.key}.json")) for entry in registered()
        }
        summary = archive.read("summary.html").decode()
        assert archive.read("summary.pdf").startswith(b"%PDF")
        for name, digest in manifest["files_sha256"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name

    # Models the story gives nobody: a split of a block contract being drafted, invitations
    # sent for a Planning Live day.
    empty = sorted(key for key, count in expected.items() if not count)
    assert len(empty) <= 3, f"{person.display_name} has no rows in {empty}"
    for entry in registered():
        rows = data[entry.key]["rows"]
        ids = sorted(row["id"] for row in rows)
        assert ids == sorted(entry.rows_for(person.pk).values_list("pk", flat=True)), entry.key
        assert len(rows) == expected[entry.key]
    assert person.display_name in summary
    assert data["people.person"]["rows"][0]["id"] == person.pk
    assert {row["person_id"] for row in data["audit.auditevent"]["rows"]} == {person.pk}
    assert all("password" not in row for row in data["accounts.user"]["rows"])


def _backup_code(user: User) -> str:
    return demo_backup_codes(user.email)[0]
