"""What Dee shares with the council that funds her: Dee decides, staff record decisions (hers or
a representative's), every change is audited, and with no decision the council sees the minimum.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.access import may_see_field, shared_with_council
from directsupport.people.models import CouncilSharingDecision, DecidedBy

pytestmark = pytest.mark.django_db

DECIDERS = ["person_user", "coordinator", "manager"]
NOT_FOUND = [
    "commissioner",
    "other_commissioner",
    "worker",
    "sister_user",
    "finance",
    "market_shaper",
    "outsider",
    "supplier",
    "expert",
]


def sharing_url(person) -> str:
    return reverse("people:permissions_council", kwargs={"pk": person.pk})


def test_with_no_decision_the_council_sees_the_minimum(dee, commissioner):
    assert shared_with_council(dee) == frozenset()
    assert may_see_field(commissioner, dee, "name")
    assert may_see_field(commissioner, dee, "area")
    for private in ("address", "date_of_birth", "photo", "key_dates", "circle", "communication"):
        assert not may_see_field(commissioner, dee, private), private


def test_staff_see_every_field_whatever_is_shared(dee, coordinator, worker):
    for viewer in (coordinator, worker):
        assert may_see_field(viewer, dee, "address")
        assert may_see_field(viewer, dee, "date_of_birth")


def test_asking_about_a_field_that_does_not_exist_is_a_mistake(dee, commissioner):
    with pytest.raises(ValueError):
        may_see_field(commissioner, dee, "shoe_size")


@pytest.mark.parametrize("name", DECIDERS)
def test_dee_and_her_editors_open_the_page(name, request, client_for, dee):
    response = client_for(request.getfixturevalue(name)).get(sharing_url(dee))

    assert response.status_code == 200
    assert "with the council</h2>" in response.content.decode()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_finds_no_page(name, request, client_for, dee):
    user = request.getfixturevalue(name)

    response = client_for(user).get(sharing_url(dee))
    posted = client_for(user).post(sharing_url(dee), {"share_outcomes": "yes"})

    assert response.status_code == 404
    assert posted.status_code == 404
    assert not CouncilSharingDecision.objects.exists()


def test_dee_says_yes_to_her_outcomes_in_easy_read_and_it_is_audited(client_for, person_user, dee):
    page = client_for(person_user).get(sharing_url(dee)).content.decode()
    assert "Can the council see what I want to achieve?" in page

    response = client_for(person_user).post(
        sharing_url(dee),
        {"share_outcomes": "yes", "share_perfect_week": "no", "share_communication": "no"},
    )

    assert response.status_code == 302
    assert shared_with_council(dee) == frozenset({"outcomes"})
    decision = CouncilSharingDecision.objects.get()
    assert decision.decided_by == DecidedBy.PERSON
    event = AuditEvent.objects.get(action=Action.UPDATE, person_id=dee.pk, actor=person_user)
    assert event.changes["shared_with_council"] == {"from": ["the minimum"], "to": ["outcomes"]}


def test_saving_the_same_choices_again_records_nothing(client_for, person_user, dee):
    answers = {"share_outcomes": "no", "share_perfect_week": "no", "share_communication": "no"}

    client_for(person_user).post(sharing_url(dee), answers)

    assert not CouncilSharingDecision.objects.exists()


def test_a_representatives_decision_needs_their_name_and_reason_and_keeps_the_ticks(
    client_for, coordinator, dee
):
    response = client_for(coordinator).post(
        sharing_url(dee),
        {"share_perfect_week": "on", "decided_by": DecidedBy.REPRESENTATIVE},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the name of the representative who made this decision." in page
    assert "Enter why a representative made this decision for Dee." in page
    assert 'name="share_perfect_week" id="id_share_perfect_week" checked' in page
    assert not CouncilSharingDecision.objects.exists()


def test_staff_record_dees_decision_and_the_history_shows_it(client_for, coordinator, dee):
    client_for(coordinator).post(
        sharing_url(dee),
        {"share_outcomes": "on", "share_perfect_week": "on", "decided_by": DecidedBy.PERSON},
    )
    client_for(coordinator).post(sharing_url(dee), {"decided_by": DecidedBy.PERSON})

    assert shared_with_council(dee) == frozenset()  # the newest decision: the minimum again
    assert CouncilSharingDecision.objects.count() == 2
    page = client_for(coordinator).get(sharing_url(dee)).content.decode()
    assert "what they want to achieve; their Perfect Week, without names" in page
    assert "only the minimum." in page
