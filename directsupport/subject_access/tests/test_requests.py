"""Recording a request, making the copy, downloading it: who may, who may not (404), audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.subject_access.models import RequestStatus, SubjectAccessRequest

TODAY = dt.datetime(2026, 10, 30, 11, 0, tzinfo=dt.UTC)
OUTSIDERS = ["outsider", "supplier", "commissioner", "other_commissioner", "finance", "worker"]


def _urls(sar: SubjectAccessRequest) -> dict[str, str]:
    return {
        "list": reverse("subject_access:list"),
        "person": reverse("subject_access:person", args=[sar.person_id]),
        "detail": reverse("subject_access:detail", args=[sar.pk]),
        "download": reverse("subject_access:download", args=[sar.pk]),
    }


def _produce(client, sar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subject_access:produce", args=[sar.pk]))
    sar.refresh_from_db()
    return response


@time_machine.travel(TODAY, tick=False)
def test_coordinator_records_a_request_due_one_calendar_month_later(client_for, coordinator, dee):
    client = client_for(coordinator)
    response = client.post(
        reverse("subject_access:person", args=[dee.pk]),
        {"received_on": "31/01/2026", "requested_by": "person", "notes": "Asked at her review."},
    )
    sar = SubjectAccessRequest.objects.get(person=dee)
    assert response.status_code == 302
    assert sar.due_on == dt.date(2026, 2, 28)
    assert sar.status == RequestStatus.RECEIVED
    assert sar.recorded_by == coordinator
    assert AuditEvent.objects.filter(
        action=Action.CREATE, person_id=dee.pk, subject_type="subject_access.subjectaccessrequest"
    ).exists()


@time_machine.travel(TODAY, tick=False)
def test_the_list_warns_of_requests_due_soon_and_overdue(client_for, manager, dee_request):
    page = client_for(manager).get(reverse("subject_access:list")).content.decode()
    # Received 5 October, due 5 November; today is 30 October.
    assert "Due in 6 days" in page and "Dee Okafor" in page
    with time_machine.travel(dt.datetime(2026, 11, 8, 11, 0, tzinfo=dt.UTC), tick=False):
        page = client_for(manager).get(reverse("subject_access:list")).content.decode()
    assert "Overdue by 3 days" in page
    assert "1 request is overdue" in page


@pytest.mark.parametrize("who", ["coordinator", "manager"])
def test_coordinator_or_manager_makes_the_copy_and_it_is_audited(
    who, request, client_for, dee_request, django_capture_on_commit_callbacks, private_storage
):
    user = request.getfixturevalue(who)
    response = _produce(client_for(user), dee_request, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert dee_request.status == RequestStatus.READY
    assert dee_request.produced_by == user and dee_request.produced_at is not None
    content = (private_storage / dee_request.file.name).read_bytes()
    assert hashlib.sha256(content).hexdigest() == dee_request.file_sha256
    assert len(content) == dee_request.file_size
    made = AuditEvent.objects.get(action=Action.EXPORT, person_id=dee_request.person_id)
    assert made.actor == user
    assert made.changes["sha256"] == dee_request.file_sha256
    assert made.changes["rows"]["people.person"] == 1


@pytest.mark.parametrize("who", ["coordinator", "person_user", "sister_user"])
def test_the_copy_can_be_downloaded_by_staff_the_person_and_their_representative(
    who, request, client_for, coordinator, dee_request, django_capture_on_commit_callbacks
):
    _produce(client_for(coordinator), dee_request, django_capture_on_commit_callbacks)
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(_urls(dee_request)["detail"]).status_code == 200
    response = client.get(_urls(dee_request)["download"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == dee_request.file_sha256
    with zipfile.ZipFile(BytesIO(content)) as archive:
        assert "summary.html" in archive.namelist()
    downloaded = AuditEvent.objects.filter(
        action=Action.EXPORT, actor=user, summary__startswith="Downloaded"
    )
    assert downloaded.count() == 1


@pytest.mark.parametrize("who", [*OUTSIDERS, "cousin_user", "neighbour_user"])
def test_everyone_else_gets_404_for_every_page(
    who, request, client_for, coordinator, dee_request, django_capture_on_commit_callbacks
):
    _produce(client_for(coordinator), dee_request, django_capture_on_commit_callbacks)
    client = client_for(request.getfixturevalue(who))
    for name, url in _urls(dee_request).items():
        response = client.get(url)
        if name == "list" and who in ("outsider", "cousin_user", "neighbour_user"):
            # Their own list (another provider's coordinator; circle members): not Dee's.
            assert response.status_code == 200 and "Okafor" not in response.content.decode()
            continue
        assert response.status_code == 404, (who, name)
    produce = reverse("subject_access:produce", args=[dee_request.pk])
    assert client.post(produce).status_code == 404
    assert client.post(_urls(dee_request)["person"], {"requested_by": "person"}).status_code == 404
    assert SubjectAccessRequest.objects.count() == 1


def test_the_person_may_look_but_not_make_the_copy(client_for, person_user, dee_request):
    client = client_for(person_user)
    assert client.post(reverse("subject_access:produce", args=[dee_request.pk])).status_code == 403
    assert client.post(_urls(dee_request)["person"], {"requested_by": "person"}).status_code == 403
    dee_request.refresh_from_db()
    assert dee_request.status == RequestStatus.RECEIVED


def test_nothing_to_download_before_the_copy_is_made(client_for, coordinator, dee_request):
    assert client_for(coordinator).get(_urls(dee_request)["download"]).status_code == 404


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"received_on": "2/11/2026"}, "received_on", "cannot be in the future"),
        ({"received_on": "31/02/2026"}, "received_on", "as a real date"),
        ({"received_on": ""}, "received_on", "Enter the day the request reached us"),
        ({"requested_by": "person", "representative": "SISTER"}, "representative", "leave"),
        ({"requested_by": "representative"}, "requester_name", "write the name of who asked"),
        ({"representative": "OTHER"}, "representative", "Choose someone from this person"),
    ],
)
def test_bad_input_is_explained_and_kept(
    posted, field, message, client_for, coordinator, dee, sister, other_provider
):
    from tests.factories import CircleMemberFactory, PersonFactory

    stranger = CircleMemberFactory.create(person=PersonFactory.create(organisation=other_provider))
    data = {
        "received_on": "20/10/2026",
        "requested_by": "representative",
        "requester_name": "",
        "notes": "Phoned in by her sister",
        **posted,
    }
    data["representative"] = {"SISTER": sister.pk, "OTHER": stranger.pk}.get(
        data.get("representative", ""), data.get("representative", "")
    )
    response = client_for(coordinator).post(reverse("subject_access:person", args=[dee.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "Phoned in by her sister" in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_making_the_copy_twice_at_once_is_refused(client_for, coordinator, dee_request):
    dee_request.set_status(RequestStatus.PRODUCING, by=coordinator)
    dee_request.save()
    response = client_for(coordinator).post(
        reverse("subject_access:produce", args=[dee_request.pk]), follow=True
    )
    assert "already being put together" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("manager", True), ("coordinator", True), ("worker", False), ("commissioner", False)],
)
def test_the_request_list_is_in_the_navigation_of_those_who_answer(
    request, client_for, persona, shown
):
    links = client_for(request.getfixturevalue(persona)).get(reverse("home")).context["nav_links"]
    urls = {link["url"] for link in links}
    assert (reverse("subject_access:list") in urls) is shown


def test_a_copy_that_fails_is_marked_and_can_be_made_again(
    client_for, coordinator, dee_request, django_capture_on_commit_callbacks, monkeypatch
):
    from directsupport.subject_access import services

    def broken(person):
        raise OSError("disk full")

    monkeypatch.setattr(services, "collect", broken)
    client = client_for(coordinator)
    _produce(client, dee_request, django_capture_on_commit_callbacks)
    assert dee_request.status == RequestStatus.FAILED
    assert "disk full" in dee_request.error and not dee_request.file
    page = client.get(_urls(dee_request)["detail"]).content.decode()
    assert "could not be put together" in page
    monkeypatch.undo()
    _produce(client, dee_request, django_capture_on_commit_callbacks)
    assert dee_request.status == RequestStatus.READY and dee_request.error == ""
