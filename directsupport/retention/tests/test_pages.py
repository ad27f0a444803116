"""The retention pages: who may open each (managers decide; coordinators read the schedule;
everyone else, and other organisations, 404), and the decisions made through them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import Person
from directsupport.people.support_end import set_support_ended
from directsupport.retention.models import DestructionLog, ErasureRequest, KeepDecision
from directsupport.retention.services import record_erasure_request
from tests.factories import UserFactory

from .conftest import TODAY


@pytest.fixture
def other_manager(other_provider):
    return UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="kim@othercare.example"
    )


@pytest.fixture
def erasure(ended_dee, manager):
    return record_erasure_request(
        actor=manager, person=ended_dee, asked_by="Dee", asked_on=TODAY, what="My photo"
    )


def _manager_urls(person_pk: int, erasure_pk: int) -> list[str]:
    return [
        reverse("retention:review"),
        reverse("retention:person", args=[person_pk]),
        reverse("retention:support_ended", args=[person_pk]),
        reverse("retention:erasure_new", args=[person_pk]),
        reverse("retention:erasure_list"),
        reverse("retention:erasure", args=[erasure_pk]),
        reverse("retention:destroyed"),
    ]


def test_a_manager_opens_every_page(client_for, manager, ended_dee, old_fund, erasure):
    client = client_for(manager)
    for url in [reverse("retention:schedule"), *_manager_urls(ended_dee.pk, erasure.pk)]:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(
    "persona", ["coordinator", "worker", "finance", "commissioner", "supplier", "person_user"]
)
def test_everyone_but_the_manager_gets_404(request, client_for, persona, ended_dee, erasure):
    client = client_for(request.getfixturevalue(persona))
    for url in _manager_urls(ended_dee.pk, erasure.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert client.post(reverse("retention:review_now")).status_code == 404


def test_another_providers_manager_sees_none_of_ours(
    client_for, other_manager, ended_dee, old_fund, erasure, manager
):
    client = client_for(other_manager)
    ours = _manager_urls(ended_dee.pk, erasure.pk)
    attempt = {"destroy-reason": "x", "destroy-targets": ["financial"], "destroy-confirm": "on"}
    for url in [*ours[1:4], ours[5]]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, attempt).status_code == 404, url
    for url in (reverse("retention:review"), reverse("retention:erasure_list")):
        page = client.get(url).content.decode()
        assert "Okafor" not in page, url
    assert Person.objects.filter(pk=ended_dee.pk).exists()
    assert not DestructionLog.objects.exists()


def test_coordinators_read_the_schedule_without_the_managers_links(client_for, coordinator):
    page = client_for(coordinator).get(reverse("retention:schedule")).content.decode()
    assert "8 years after their support ends" in page
    assert "31 March" in page
    assert reverse("retention:review") not in page


@pytest.mark.parametrize(
    "persona", ["worker", "finance", "commissioner", "supplier", "person_user"]
)
def test_the_schedule_is_not_for_other_roles(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("retention:schedule")).status_code == 404


def test_the_review_page_lists_dee(client_for, manager, ended_dee, old_fund):
    page = client_for(manager).get(reverse("retention:review")).content.decode()
    assert "Dee Okafor" in page
    assert "Money records: " in page
    assert "kept until 31 March 2025" in page


def test_check_now_notes_a_run(client_for, manager, ended_dee, old_fund):
    response = client_for(manager).post(reverse("retention:review_now"), follow=True)
    assert "Checked today: 4 kinds of record due." in response.content.decode()


def test_destroying_through_the_page(client_for, manager, ended_dee, old_fund):
    url = reverse("retention:person", args=[ended_dee.pk])
    response = client_for(manager).post(
        url,
        {
            "destroy-targets": ["financial"],
            "destroy-reason": "Past 6 years",
            "destroy-confirm": "on",
        },
        follow=True,
    )
    assert "Destroyed 7 records." in response.content.decode()
    assert DestructionLog.objects.get().rows_destroyed == 7


def test_destroying_without_confirming_keeps_what_was_typed(
    client_for, manager, ended_dee, old_fund
):
    url = reverse("retention:person", args=[ended_dee.pk])
    response = client_for(manager).post(
        url, {"destroy-targets": ["financial"], "destroy-reason": "Past six years"}
    )
    page = response.content.decode()
    assert "Tick the box to confirm they cannot be brought back." in page
    assert "Past six years" in page
    assert not DestructionLog.objects.exists()


def test_a_refused_destruction_says_why(client_for, manager, ended_dee, old_fund):
    url = reverse("retention:person", args=[ended_dee.pk])
    response = client_for(manager).post(
        url, {"destroy-targets": ["care"], "destroy-reason": "Due", "destroy-confirm": "on"}
    )
    assert "destroy or include" in response.content.decode()
    assert Person.objects.filter(pk=ended_dee.pk).exists()


def test_keeping_without_a_reason_is_refused_and_loses_nothing(
    client_for, manager, ended_dee, old_fund
):
    url = reverse("retention:person", args=[ended_dee.pk])
    response = client_for(manager).post(
        url, {"keep-target": "financial", "keep-reason": "", "keep-next_review_on": "2027-06-01"}
    )
    page = response.content.decode()
    assert "Say why these records must be kept longer." in page
    assert 'value="2027-06-01"' in page
    assert not KeepDecision.objects.exists()


def test_keeping_with_a_reason(client_for, manager, ended_dee, old_fund):
    url = reverse("retention:person", args=[ended_dee.pk])
    client_for(manager).post(
        url,
        {
            "keep-target": "financial",
            "keep-reason": "The council's 2018/19 audit is open.",
            "keep-next_review_on": "2027-06-01",
        },
    )
    keep = KeepDecision.objects.get()
    assert (keep.target, keep.next_review_on) == ("financial", dt.date(2027, 6, 1))


def test_recording_support_ended(client_for, manager, dee, frozen_today):
    url = reverse("retention:support_ended", args=[dee.pk])
    client_for(manager).post(url, {"support_ended_on": "2026-10-31"})
    dee.refresh_from_db()
    assert dee.support_ended_on == dt.date(2026, 10, 31)
    audit = AuditEvent.objects.get(person_id=dee.pk, action=Action.UPDATE)
    assert audit.changes == {"support_ended_on": {"from": None, "to": "2026-10-31"}}


def test_support_cannot_end_in_the_future(client_for, manager, dee, frozen_today):
    url = reverse("retention:support_ended", args=[dee.pk])
    response = client_for(manager).post(url, {"support_ended_on": "2027-01-31"})
    assert "a day still to come" in response.content.decode()
    dee.refresh_from_db()
    assert dee.support_ended_on is None


def test_recording_and_deciding_an_erasure_request(client_for, manager, ended_dee, sister):
    client = client_for(manager)
    response = client.post(
        reverse("retention:erasure_new", args=[ended_dee.pk]),
        {"asked_by": "Ngozi Okafor, her sister", "asked_on": "2026-11-17", "what": "Our numbers"},
        follow=True,
    )
    erasure = ErasureRequest.objects.get()
    page = response.content.decode()
    assert "Can be erased: held only because they agreed to it." in page
    reason = "Past the retention period."
    client.post(
        reverse("retention:erasure", args=[erasure.pk]),
        {
            **{f"{kind}-choice": "keep" for kind in ("care", "audit", "account")},
            **{f"{kind}-reason": reason for kind in ("care", "audit", "account")},
            "circle_contacts-choice": "erase",
            "circle_contacts-reason": "Ngozi asked for her number to go.",
        },
    )
    erasure.refresh_from_db()
    assert erasure.status == "decided"
    assert DestructionLog.objects.get().target == "circle_contacts"


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("manager", True), ("coordinator", True), ("worker", False), ("finance", False)],
)
def test_keeping_records_is_in_the_navigation_of_those_who_may_open_it(
    request, client_for, persona, shown
):
    links = client_for(request.getfixturevalue(persona)).get(reverse("home")).context["nav_links"]
    entry = {"label": "Keeping records", "url": reverse("retention:schedule"), "current": False}
    assert (entry in links) is shown


def test_only_a_manager_of_their_provider_records_support_ended(
    dee, coordinator, other_manager, frozen_today
):
    for actor in (coordinator, other_manager):
        with pytest.raises(ValidationError, match="Only a manager"):
            set_support_ended(actor=actor, person=dee, ended_on=dt.date(2026, 1, 31))
    dee.refresh_from_db()
    assert dee.support_ended_on is None
    assert not AuditEvent.objects.filter(person_id=dee.pk, action=Action.UPDATE).exists()
