"""Plan Books for everyone at an event in one go: a background task makes each person's PDF into
one zip, with real progress; a coordinator watches a progress bar and downloads the zip.

Tests run the task with the immediate backend (settings TASKS in tests), once the request's
transaction commits (django_capture_on_commit_callbacks).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.planbook.batch import services as batch_services
from directsupport.planbook.batch.services import (
    BATCH_FOLDER,
    NOTHING_TO_MAKE,
    NothingToMake,
    make_one,
    request_batch,
    start_batch,
)
from directsupport.planbook.models import (
    BatchStatus,
    PlanBookBatch,
    PlanBookStatus,
    PlanBookVersion,
)
from directsupport.planning.models import EventParticipant, PlanningEvent
from tests.factories import PersonFactory

from .conftest import add_note
from .plan_book_support import fill_tools, version_at

pytestmark = pytest.mark.django_db

NOT_FOUND = [
    "other_worker",
    "person_user",
    "sister_user",
    "cousin_user",
    "neighbour_user",
    "finance",
    "market_shaper",
    "commissioner",
    "other_commissioner",
    "supplier",
    "outsider",
    "expert",
]


@pytest.fixture
def event_with_two(planning_day, coordinator, provider, dee) -> PlanningEvent:
    """Spring Planning Live with Dee (a published Plan Book) and Kemi (no Plan Book yet)."""
    add_note(dee, text="Singing in the church choir", event=planning_day)
    fill_tools(dee)
    version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    kemi = PersonFactory.create(
        organisation=provider, first_name="Kemi", last_name="Adebayo", coordinator=coordinator
    )
    add_note(kemi, text="Going to the market on Saturdays", event=planning_day)
    EventParticipant.objects.create(event=planning_day, person=kemi)
    return planning_day


def run(batch: PlanBookBatch) -> PlanBookBatch:
    """Run the batch's task (the immediate backend then runs each person's task at once)."""
    start_batch(batch_id=batch.pk)
    return PlanBookBatch.objects.get(pk=batch.pk)


def start_url(event: PlanningEvent) -> str:
    return reverse("planbook:batch_start", kwargs={"event_pk": event.pk})


def batch_url(name: str, batch: PlanBookBatch) -> str:
    return reverse(f"planbook:{name}", kwargs={"event_pk": batch.event_id, "batch_pk": batch.pk})


def zip_names(batch: PlanBookBatch) -> list[str]:
    with storages["private"].open(batch.file.name, "rb") as handle:
        return sorted(zipfile.ZipFile(io.BytesIO(handle.read())).namelist())


# --- Asking for a batch -----------------------------------------------------------------------


def test_a_coordinator_makes_everyones_plan_books_into_one_zip(
    client_for, coordinator, event_with_two, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(start_url(event_with_two))
    batch = PlanBookBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == batch_url("batch_detail", batch)
    assert batch.status == BatchStatus.DONE
    assert (batch.done, batch.total, batch.percent) == (2, 2, 100)
    assert batch.finished_at is not None
    assert batch.requested_by == coordinator
    assert zip_names(batch) == ["plan-book-dee-okafor-v1.pdf", "plan-book-kemi-adebayo-v1.pdf"]
    with storages["private"].open(batch.file.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        assert archive.read("plan-book-dee-okafor-v1.pdf").startswith(b"%PDF-")


def test_someone_with_no_plan_book_gets_version_1_started_as_a_draft(
    coordinator, event_with_two, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_batch(actor=coordinator, event=event_with_two)
    kemi = PlanBookVersion.objects.get(person__first_name="Kemi")
    assert (kemi.number, kemi.status, kemi.created_by) == (1, PlanBookStatus.DRAFT, coordinator)
    assert kemi.content["notes"][1]["items"][0]["text"] == "Going to the market on Saturdays"
    assert AuditEvent.objects.filter(
        person_id=kemi.person_id, action=Action.CREATE, subject_id=str(kemi.pk)
    ).exists()


def test_the_latest_version_is_used(coordinator, dee, event_with_two):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)  # version 2, after the published 1
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    assert "plan-book-dee-okafor-v2.pdf" in zip_names(batch)


def test_asking_and_each_pdf_made_are_audited(
    client_for, coordinator, dee, event_with_two, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(start_url(event_with_two))
    batch = PlanBookBatch.objects.get()
    asked = AuditEvent.objects.get(subject_type="planbook.planbookbatch", action=Action.CREATE)
    assert asked.actor == coordinator
    assert asked.summary == "Asked for the Plan Books of 2 people at Spring Planning Live"
    assert asked.ip_address == "127.0.0.1"
    made = AuditEvent.objects.filter(action=Action.EXPORT).order_by("id")
    assert [row.person_id for row in made] == [p.person_id for p in batch.event.participants.all()]
    assert all(row.actor == coordinator for row in made)
    assert made[0].summary == (
        "Made Plan Book version 1 into a PDF with the Plan Books for Spring Planning Live"
    )


def test_an_event_with_nobody_taking_part_makes_nothing(client_for, coordinator, planning_day, dee):
    EventParticipant.objects.filter(event=planning_day).delete()
    response = client_for(coordinator).post(start_url(planning_day), follow=True)
    assert NOTHING_TO_MAKE in response.content.decode()
    assert not PlanBookBatch.objects.exists()
    with pytest.raises(NothingToMake):
        request_batch(actor=coordinator, event=planning_day)


def test_starting_needs_a_post(client_for, coordinator, event_with_two):
    response = client_for(coordinator).get(start_url(event_with_two))
    assert response.status_code == 405
    assert not PlanBookBatch.objects.exists()


# --- Progress and failure ---------------------------------------------------------------------


def test_progress_is_saved_after_each_person(coordinator, event_with_two, monkeypatch):
    batch = request_batch(actor=coordinator, event=event_with_two)
    seen: list[tuple[str, int]] = []
    real = batch_services.render_plan_book_pdf

    def watching(version, **options):
        saved = PlanBookBatch.objects.get(pk=batch.pk)
        seen.append((saved.status, saved.done))
        return real(version, **options)

    monkeypatch.setattr(batch_services, "render_plan_book_pdf", watching)
    run(batch)
    assert seen == [(BatchStatus.RUNNING, 0), (BatchStatus.RUNNING, 1)]


def test_one_person_failing_still_makes_the_others_and_says_who_is_missing(
    coordinator, event_with_two, monkeypatch
):
    real = batch_services.render_plan_book_pdf

    def failing_for_kemi(version, **options):
        if version.person.first_name == "Kemi":
            raise RuntimeError("broken snapshot")
        return real(version, **options)

    monkeypatch.setattr(batch_services, "render_plan_book_pdf", failing_for_kemi)
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    assert batch.status == BatchStatus.FAILED
    assert (batch.done, batch.total) == (2, 2)
    assert batch.error == (
        "The Plan Books of 1 person could not be made: Kemi Adebayo. The other 1 are in the "
        "file. Open each missing Plan Book to check it, then try again."
    )
    assert "broken snapshot" not in batch.error
    assert zip_names(batch) == ["plan-book-dee-okafor-v1.pdf"]


def test_when_the_zip_cannot_be_stored_the_batch_fails_with_no_file(
    coordinator, event_with_two, monkeypatch
):
    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(storages["private"], "save", full_disk)
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    assert batch.status == BatchStatus.FAILED
    assert batch.error == batch_services.WHOLE_BATCH_FAILED
    assert not batch.file


def test_running_a_batch_again_does_nothing(coordinator, dee, event_with_two):
    batch = request_batch(actor=coordinator, event=event_with_two)
    first = run(batch)
    again = run(batch)
    make_one(batch_id=batch.pk, person_id=dee.pk)  # a person's task run twice
    assert again.file.name == first.file.name
    assert (again.done, again.status) == (2, BatchStatus.DONE)
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 2


def test_the_single_pdfs_are_removed_once_they_are_in_the_zip(
    coordinator, event_with_two, private_storage
):
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    assert batch.file.name.startswith(f"{BATCH_FOLDER}/")
    assert list((private_storage / BATCH_FOLDER / str(batch.pk)).iterdir()) == []


def test_a_requester_who_has_left_gets_a_failed_batch(coordinator, event_with_two):
    batch = request_batch(actor=coordinator, event=event_with_two)
    coordinator.is_active = False
    coordinator.save()
    batch = run(batch)
    assert batch.status == BatchStatus.FAILED
    assert batch.error == batch_services.REQUESTER_GONE


# --- The batch page, status.json and the download ---------------------------------------------


def test_the_page_shows_a_progress_bar_that_works_without_javascript(
    client_for, coordinator, event_with_two
):
    batch = request_batch(actor=coordinator, event=event_with_two)  # queued, not yet run
    content = client_for(coordinator).get(batch_url("batch_detail", batch)).content.decode()
    assert '<progress id="batch-bar"' in content
    assert 'max="2" value="0"' in content
    assert "0 of 2 Plan Books made" in content
    assert "Waiting to start" in content
    assert 'aria-live="polite"' in content
    assert "Check again" in content
    assert "Download the Plan Books" in content  # present but hidden until there is a file
    assert f'data-status-url="{batch_url("batch_status", batch)}"' in content


def test_status_json_while_waiting_and_when_done(client_for, coordinator, event_with_two):
    batch = request_batch(actor=coordinator, event=event_with_two)
    client = client_for(coordinator)
    waiting = client.get(batch_url("batch_status", batch))
    assert waiting["Cache-Control"] == "no-store"
    assert json.loads(waiting.content) == {
        "status": "queued",
        "status_label": "Waiting to start",
        "done": 0,
        "total": 2,
        "percent": 0,
        "words": "0 of 2 Plan Books made",
        "finished": False,
        "error": "",
        "download_url": "",
    }
    run(batch)
    done = json.loads(client.get(batch_url("batch_status", batch)).content)
    assert done == {
        "status": "done",
        "status_label": "Ready",
        "done": 2,
        "total": 2,
        "percent": 100,
        "words": "2 of 2 Plan Books made",
        "finished": True,
        "error": "",
        "download_url": batch_url("batch_download", batch),
    }


def test_a_finished_page_offers_the_download_and_no_check_again(
    client_for, coordinator, event_with_two
):
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    content = client_for(coordinator).get(batch_url("batch_detail", batch)).content.decode()
    assert "2 of 2 Plan Books made" in content
    assert f'href="{batch_url("batch_download", batch)}"' in content
    assert "Check again" not in content
    assert "data-finished" in content


def test_the_download_is_the_zip_and_each_person_in_it_has_an_audit_row(
    client_for, coordinator, dee, event_with_two
):
    batch = run(request_batch(actor=coordinator, event=event_with_two))
    response = client_for(coordinator).get(batch_url("batch_download", batch))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-books-spring-planning-live-2026-03-14.zip"'
    )
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == 2
    downloads = AuditEvent.objects.filter(
        action=Action.EXPORT, subject_type="planbook.planbookbatch"
    )
    assert sorted(row.person_id or 0 for row in downloads) == sorted(
        event_with_two.participants.values_list("person_id", flat=True)
    )


def test_there_is_nothing_to_download_before_the_batch_is_done(
    client_for, coordinator, event_with_two
):
    batch = request_batch(actor=coordinator, event=event_with_two)
    assert client_for(coordinator).get(batch_url("batch_download", batch)).status_code == 404


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["coordinator", "manager"])
def test_managers_and_coordinators_may_ask_watch_and_download(
    client_for, persona, event_with_two, name, django_capture_on_commit_callbacks
):
    client = client_for(persona(name))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(start_url(event_with_two)).status_code == 302
    batch = PlanBookBatch.objects.get()
    for view in ("batch_detail", "batch_status", "batch_download"):
        assert client.get(batch_url(view, batch)).status_code == 200, view


def test_a_facilitating_support_worker_may_not_ask_or_watch(
    client_for, worker, coordinator, event_with_two
):
    client = client_for(worker)  # sees the event (facilitates it) but may not change it
    assert client.post(start_url(event_with_two)).status_code == 403
    assert not PlanBookBatch.objects.exists()
    batch = request_batch(actor=coordinator, event=event_with_two)
    for view in ("batch_detail", "batch_status", "batch_download"):
        assert client.get(batch_url(view, batch)).status_code == 403, view
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=worker).count() == 4


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(client_for, persona, coordinator, event_with_two, name):
    batch = request_batch(actor=coordinator, event=event_with_two)
    client = client_for(persona(name))
    assert client.post(start_url(event_with_two)).status_code == 404
    for view in ("batch_detail", "batch_status", "batch_download"):
        assert client.get(batch_url(view, batch)).status_code == 404, view
    assert PlanBookBatch.objects.count() == 1


def test_a_batch_of_another_event_is_not_found(client_for, coordinator, provider, event_with_two):
    batch = request_batch(actor=coordinator, event=event_with_two)
    other = PlanningEvent.objects.create(
        organisation=provider,
        title="Autumn Planning Live",
        date=event_with_two.date,
        venue_name="Library",
        venue_address="1 High Street",
        venue_access="Step-free",
    )
    response = client_for(coordinator).get(
        reverse("planbook:batch_detail", kwargs={"event_pk": other.pk, "batch_pk": batch.pk})
    )
    assert response.status_code == 404


def test_the_event_page_offers_the_batch_to_planners_with_the_latest_batches(
    client_for, coordinator, worker, event_with_two
):
    batch = request_batch(actor=coordinator, event=event_with_two)
    url = reverse("planning:event_detail", args=[event_with_two.pk])
    page = client_for(coordinator).get(url).content.decode()
    assert reverse("planbook:batch_start", args=[event_with_two.pk]) in page
    assert reverse("planbook:batch_detail", args=[event_with_two.pk, batch.pk]) in page
    # Sam facilitates the day but may not make everyone's Plan Books.
    facilitators_page = client_for(worker).get(url).content.decode()
    assert reverse("planbook:batch_start", args=[event_with_two.pk]) not in facilitators_page


def test_every_plan_book_page_links_to_its_pdf(client_for, coordinator, dee):
    version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    client = client_for(coordinator)
    pdf = reverse("planbook:plan_book_pdf", args=[dee.pk, 1])
    web = client.get(reverse("planbook:plan_book_version", args=[dee.pk, 1])).content.decode()
    easy = client.get(reverse("planbook:plan_book_easy_read", args=[dee.pk, 1])).content.decode()
    assert f"{pdf}?part=standard" in web and f"{pdf}?part=both" in web
    assert f"{pdf}?part=easy-read" in easy
