"""Retention in the demo: Gerry's records past their time (one kept with a reason), and Jamal's
erasure request waiting for the manager."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.people.models import Person
from directsupport.retention.models import ErasureRequest, ErasureStatus, KeepDecision, ReviewRun
from directsupport.retention.review import due_for_review
from tests.personas import sign_in

MANAGER = "helen.carter@willowbrook.example"


@pytest.fixture
def retention_demo(demo: str) -> str:
    """The demo with its retention story added, as `make run` does after seed_demo."""
    out = StringIO()
    call_command("seed_demo_retention", stdout=out)
    return out.getvalue()


def _manager() -> Client:
    return sign_in(Client(), User.objects.get(email=MANAGER))


def test_gerrys_support_ended_in_2018_and_his_records_wait_for_review(retention_demo):
    gerry = Person.objects.get(first_name="Gerald", last_name="Whitlock")
    assert gerry.support_ended_on == dt.date(2018, 9, 28)
    [entry] = due_for_review(gerry.organisation_id, timezone.localdate())
    assert entry.person == gerry
    assert {item.target.value for item in entry.due} == {"audit", "circle_contacts"}
    [(kept, decision)] = entry.kept
    assert kept.target.value == "care"
    assert "Safeguarding Adults Board" in decision.reason
    assert decision.next_review_on > timezone.localdate()
    assert KeepDecision.objects.count() == 1
    assert ReviewRun.objects.get().items_due == 2


def test_jamals_erasure_request_waits_and_the_page_explains_the_law(retention_demo):
    erasure = ErasureRequest.objects.get()
    assert erasure.status == ErasureStatus.OPEN
    assert erasure.person_name == "Jamal Williams"
    page = _manager().get(reverse("retention:erasure", args=[erasure.pk])).content.decode()
    assert "Care records cannot" not in page  # nothing refused until the manager decides
    assert "Must be kept: the law says 8 years after their support ends" in page
    assert "Can be erased: held only because they agreed to it." in page


def test_the_review_page_shows_gerry(retention_demo):
    page = _manager().get(reverse("retention:review")).content.decode()
    assert "Gerry Whitlock" in page
    assert "28 September 2018" in page
    assert "Safeguarding Adults Board" in page
    assert "1 request to erase information waits for a decision" in page


def test_seeding_again_adds_nothing_more(retention_demo):
    assert "1 person whose support ended in 2018" in retention_demo
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo_retention", stdout=StringIO())
    assert Person.objects.filter(last_name="Whitlock").count() == 1
    assert KeepDecision.objects.count() == 1
    assert ErasureRequest.objects.count() == 1
