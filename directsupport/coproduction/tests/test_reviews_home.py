"""The home pages' review panels: Ngozi reads what Dee shares and the meetings coming for Dee
("Dee's review on Sunday 13 December"), never anyone who does not share with her; Priya and
Helen see reviews due, asked for and held, with a way to see them all."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from directsupport.coproduction.reviews.services import Invitee, ask_for_review, schedule_review
from directsupport.funds.models import Agreement, AgreementStatus, FeeKind, Fund
from directsupport.lib.decision_feed import ParticipantRole
from directsupport.planning.models import EventInvitation, EventParticipant, PlanningEvent
from tests.factories import PersonFactory

from .reviews_fixtures import at, dee_fund, held, on_today, plan_book, scheduled, swim

__all__ = ["dee_fund", "held", "on_today", "plan_book", "scheduled", "swim"]

pytestmark = pytest.mark.django_db


def _home(client_for, user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def plan_book_meeting(dee, sister, provider, coordinator) -> PlanningEvent:
    event = PlanningEvent.objects.create(
        organisation=provider,
        title="Plan Book meeting",
        date=dt.date(2026, 12, 16),
        venue_name="Northfield Community Centre",
        venue_address="1 High Street",
        venue_access="Step-free.",
        created_by=coordinator,
    )
    participant = EventParticipant.objects.create(event=event, person=dee)
    EventInvitation.objects.create(participant=participant, member=sister, invited_by=coordinator)
    return event


def test_ngozi_sees_dees_review_and_plan_book_meeting_coming(
    client_for, sister_user, scheduled, plan_book, plan_book_meeting
):
    page = _home(client_for, sister_user)
    assert "Dee&#x27;s review on Sunday 13 December at 14:00" in page
    assert "Dee&#x27;s Plan Book meeting on Wednesday 16 December" in page
    assert "say if you are coming" in page
    invitation_url = reverse(
        "coproduction:review_invitation",
        kwargs={"pk": scheduled.person_id, "review_pk": scheduled.pk},
    )
    assert invitation_url in page
    assert "Dee's Plan Book, version 1" in page


def test_ngozi_never_sees_someone_who_does_not_share_with_her(
    client_for, sister_user, scheduled, provider, coordinator, council
):
    other = PersonFactory.create(
        organisation=provider, first_name="Kemi", last_name="Adams", funding_council=council
    )
    schedule_review(
        person=other,
        kind="yearly",
        meets_at=at(dt.date(2026, 12, 15)),
        place="Kemi's flat",
        invitees=[Invitee(name="Priya Shah", role=ParticipantRole.STAFF, user=coordinator)],
        actor=coordinator,
    )
    page = _home(client_for, sister_user)
    assert "Kemi" not in page


def test_the_neighbour_dee_does_not_share_with_sees_nothing_of_hers(
    client_for, neighbour_user, neighbour, scheduled
):
    page = _home(client_for, neighbour_user)
    # A whole word: three letters alone can turn up inside the page's random form tokens.
    assert not re.search(r"\bDee\b", page) and "13 December" not in page


def test_priya_sees_dee_overdue_and_a_review_asked_for(
    client_for, coordinator, on_today, dee, dee_fund, person_user
):
    ask_for_review(person=dee, because="Sundays are too long.", actor=person_user)
    page = _home(client_for, coordinator)
    assert "Asked for by the person (1)" in page
    assert "Sundays are too long." in page
    assert "Held, not completed (0)" in page
    assert reverse("coproduction:review_list") + "?mine=1" in page


def test_the_panel_is_cut_short_with_a_see_all_link(
    client_for, manager, on_today, provider, council, coordinator
):
    for number in range(7):
        person = PersonFactory.create(
            organisation=provider,
            first_name=f"Person{number}",
            last_name="Test",
            funding_council=council,
            coordinator=coordinator,
        )
        fund = Fund.objects.create(
            person=person, provider=provider, council=council, reference=f"ISF-9{number:03d}"
        )
        Agreement.objects.create(
            fund=fund,
            version=1,
            status=AgreementStatus.APPROVED,
            annual_budget_pence=1_000_000,
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2027, 5, 31),
            fee_kind=FeeKind.PERCENT,
            fee_basis_points=800,
            first_review_on=dt.date(2026, 7, 20),
        )
    page = _home(client_for, manager)
    assert "Due or overdue, not arranged (7, 7 overdue)" in page
    assert page.count("overdue</strong> since") == 5
    assert "See all 7" in page


def test_people_and_suppliers_see_no_review_panel(client_for, supplier, finance, on_today):
    assert "Due or overdue" not in _home(client_for, supplier)
    assert "Due or overdue" not in _home(client_for, finance)


def test_a_circle_member_nobody_shares_with_is_told_so(neighbour_user, client_for):
    page = client_for(neighbour_user).get("/").content.decode()
    assert "Nobody has shared their information with you yet." in page
