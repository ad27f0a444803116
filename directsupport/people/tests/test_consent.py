"""Who can see my information: the person decides, staff record decisions, everyone else looks."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.circle_services import (
    ConsentChoice,
    ConsentConflict,
    latest_decision_id,
    record_consent,
)
from directsupport.people.models import CircleMember, ConsentDecision, DecidedBy
from directsupport.people.tests.personas_by_access import NO_CIRCLE_ACCESS
from tests.factories import CircleMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def found(pattern: str, text: str, flags: int = 0) -> str:
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match.group(0)


READ_ONLY_VIEWERS = ["worker", "sister_user"]


def url(person) -> str:
    return f"/people/{person.pk}/who-can-see/"


def person_answers(sister, neighbour, **overrides: str) -> dict[str, str]:
    """The easy-read form as Dee fills it in: yes/no for each question."""
    data = {
        f"see_{sister.pk}": "yes",
        f"contribute_{sister.pk}": "yes",
        f"see_{neighbour.pk}": "no",
        f"contribute_{neighbour.pk}": "no",
        "based_on_decision": "0",
    }
    data.update(overrides)
    return data


def staff_answers(sister, neighbour, **overrides: str | None) -> dict[str, str]:
    """The staff form: ticked boxes are sent, unticked ones are not."""
    data: dict[str, str | None] = {
        f"see_{sister.pk}": "on",
        f"contribute_{sister.pk}": "on",
        "decided_by": DecidedBy.PERSON,
        "based_on_decision": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may look, who may change -----------------------------------------------------------


@pytest.mark.parametrize("name", ["coordinator", "manager", "person_user", *READ_ONLY_VIEWERS])
def test_people_who_may_see_the_circle_see_who_can_see_dees_information(
    name, request, client_for, dee, circle
):
    response = client_for(request.getfixturevalue(name)).get(url(dee))

    assert response.status_code == 200
    assert "Ngozi Okafor" in response.content.decode()


@pytest.mark.parametrize("name", NO_CIRCLE_ACCESS)
def test_everyone_else_gets_not_found(name, request, client_for, dee, circle):
    client = client_for(request.getfixturevalue(name))

    assert client.get(url(dee)).status_code == 404
    assert client.post(url(dee), person_answers(*circle)).status_code == 404
    assert ConsentDecision.objects.count() == 0


@pytest.mark.parametrize("name", READ_ONLY_VIEWERS)
def test_the_circle_and_support_workers_see_the_choices_read_only(
    name, request, client_for, dee, circle
):
    content = client_for(request.getfixturevalue(name)).get(url(dee)).content.decode()

    assert '<form method="post" novalidate' not in content
    row = found(r"Bob Price</th>.*?</tr>", content, re.S)
    assert "Cannot see my information" in row
    row = found(r"Ngozi Okafor</th>.*?</tr>", content, re.S)
    assert "May see my information" in row


@pytest.mark.parametrize("name", READ_ONLY_VIEWERS)
def test_they_cannot_change_the_choices(name, request, client_for, dee, sister, neighbour):
    client = client_for(request.getfixturevalue(name))

    response = client.post(
        url(dee), person_answers(sister, neighbour, **{f"see_{neighbour.pk}": "yes"})
    )

    assert response.status_code == 403
    neighbour.refresh_from_db()
    assert neighbour.may_see is False
    assert ConsentDecision.objects.count() == 0
    assert AuditEvent.objects.filter(
        action=Action.DENIED, subject_type="people.consentdecision"
    ).exists()


def test_looking_at_the_choices_is_audited(client_for, worker, dee, circle):
    client_for(worker).get(url(dee))

    event = AuditEvent.objects.get(action=Action.VIEW, actor=worker)
    assert event.summary == "Who can see my information"
    assert event.person_id == dee.pk


# --- The person decides, in easy read ---------------------------------------------------------


def test_the_person_sees_big_yes_no_questions_in_easy_read(client_for, person_user, dee, circle):
    content = client_for(person_user).get(url(dee)).content.decode()

    assert 'class="easy-read' in content
    assert "Can Ngozi see my information?" in content
    assert "Can Ngozi add to my plans?" in content
    assert "Can Bob see my information?" in content
    assert re.search(r'name="see_\d+" value="yes"[^>]*checked', content)
    assert re.search(r'name="see_\d+" value="no"[^>]*checked', content)
    assert "Who made this decision?" not in content
    assert "<img" not in content.split('class="consent-easy"')[1]


def test_when_dee_says_no_for_her_sister_her_sister_can_no_longer_see_her(
    client_for, person_user, sister_user, dee, sister, neighbour
):
    sister_client = client_for(sister_user)
    assert sister_client.get(f"/people/{dee.pk}/").status_code == 200

    response = client_for(person_user).post(
        url(dee),
        person_answers(
            sister, neighbour, **{f"see_{sister.pk}": "no", f"contribute_{sister.pk}": "no"}
        ),
    )

    assert response.status_code == 302
    sister.refresh_from_db()
    assert (sister.may_see, sister.may_contribute) == (False, False)
    for page in ("", "circle/", "easy-read/", "who-can-see/"):
        assert sister_client.get(f"/people/{dee.pk}/{page}").status_code == 404, page
    assert f'href="/people/{dee.pk}/"' not in sister_client.get("/people/").content.decode()


def test_when_dee_says_yes_for_her_neighbour_he_can_see_her(
    client_for, person_user, neighbour_user, dee, sister, neighbour
):
    assert client_for(neighbour_user).get(f"/people/{dee.pk}/").status_code == 404

    client_for(person_user).post(
        url(dee), person_answers(sister, neighbour, **{f"see_{neighbour.pk}": "yes"})
    )

    assert client_for(neighbour_user).get(f"/people/{dee.pk}/").status_code == 200


def test_each_change_is_remembered_with_who_decided_and_audited(
    client_for, person_user, dee, sister, neighbour
):
    client_for(person_user).post(
        url(dee), person_answers(sister, neighbour, **{f"contribute_{sister.pk}": "no"})
    )

    decision = ConsentDecision.objects.get()
    assert decision.member == sister
    assert (decision.may_see, decision.may_contribute) == (True, False)
    assert decision.decided_by == DecidedBy.PERSON
    assert decision.recorded_by == person_user
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="people.circlemember")
    assert event.actor == person_user
    assert event.changes["may_contribute"] == {"from": True, "to": False}
    assert "may_see" not in event.changes
    # Unchanged answers make no decision rows.
    assert not ConsentDecision.objects.filter(member=neighbour).exists()


def test_the_person_is_thanked_and_sees_what_changed(
    client_for, person_user, dee, sister, neighbour
):
    client = client_for(person_user)
    client.post(url(dee), person_answers(sister, neighbour, **{f"contribute_{sister.pk}": "no"}))

    content = client.get(url(dee)).content.decode()

    assert "Thank you. Your choices are saved." in content
    assert "Ngozi Okafor can see your information." in content
    assert "Ngozi Okafor cannot add to your plans." in content
    assert "You decided this." in content


def test_adding_to_plans_without_seeing_is_refused_in_easy_words(
    client_for, person_user, dee, sister, neighbour
):
    response = client_for(person_user).post(
        url(dee),
        person_answers(
            sister, neighbour, **{f"see_{neighbour.pk}": "no", f"contribute_{neighbour.pk}": "yes"}
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "Bob cannot add to your plans if Bob cannot see your information." in content
    assert re.search(rf'name="contribute_{neighbour.pk}" value="yes"[^>]*checked', content)
    assert f'href="#id_contribute_{neighbour.pk}_0"' in content
    assert ConsentDecision.objects.count() == 0
    neighbour.refresh_from_db()
    assert neighbour.may_contribute is False


def test_a_question_left_unanswered_is_asked_again(client_for, person_user, dee, sister, neighbour):
    data = person_answers(sister, neighbour)
    del data[f"see_{neighbour.pk}"]

    response = client_for(person_user).post(url(dee), data)

    assert "Choose Yes or No for Bob." in response.content.decode()
    assert ConsentDecision.objects.count() == 0


def test_a_person_cannot_record_a_representatives_decision(
    client_for, person_user, dee, sister, neighbour
):
    client_for(person_user).post(
        url(dee),
        {
            **person_answers(sister, neighbour, **{f"see_{neighbour.pk}": "yes"}),
            "decided_by": DecidedBy.REPRESENTATIVE,
            "representative_name": "Someone",
            "representative_reason": "Because",
        },
    )

    decision = ConsentDecision.objects.get()
    assert decision.decided_by == DecidedBy.PERSON
    assert decision.representative_name == ""


# --- Staff record a decision ----------------------------------------------------------------


def test_staff_see_checkboxes_and_must_say_who_decided(client_for, coordinator, dee, circle):
    content = client_for(coordinator).get(url(dee)).content.decode()

    assert "May see Dee&#x27;s information" in content
    assert "The person decided (I am recording what they told me)" in content
    assert "A representative decided because the person lacks capacity for this decision" in (
        content
    )


@pytest.mark.parametrize("name", ["coordinator", "manager"])
def test_staff_record_what_the_person_told_them(name, request, client_for, dee, sister, neighbour):
    user = request.getfixturevalue(name)

    response = client_for(user).post(
        url(dee), staff_answers(sister, neighbour, **{f"see_{neighbour.pk}": "on"})
    )

    assert response.status_code == 302
    neighbour.refresh_from_db()
    assert neighbour.may_see is True
    decision = ConsentDecision.objects.get()
    assert decision.decided_by == DecidedBy.PERSON
    assert decision.recorded_by == user


def test_staff_must_say_who_decided(client_for, coordinator, dee, sister, neighbour):
    response = client_for(coordinator).post(
        url(dee), staff_answers(sister, neighbour, decided_by=None, **{f"see_{neighbour.pk}": "on"})
    )

    assert "Choose who made this decision." in response.content.decode()
    assert ConsentDecision.objects.count() == 0


def test_a_representatives_decision_is_recorded_with_their_name_and_reason(
    client_for, coordinator, dee, sister, neighbour
):
    client_for(coordinator).post(
        url(dee),
        staff_answers(
            sister,
            neighbour,
            decided_by=DecidedBy.REPRESENTATIVE,
            representative_name="Grace Okafor",
            representative_reason="Dee is in hospital and cannot weigh this up at the moment.",
            **{f"contribute_{sister.pk}": None},
        ),
    )

    decision = ConsentDecision.objects.get()
    assert decision.decided_by == DecidedBy.REPRESENTATIVE
    assert decision.representative_name == "Grace Okafor"
    assert decision.representative_reason.startswith("Dee is in hospital")
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="people.circlemember")
    assert event.changes["representative"] == {"from": None, "to": "Grace Okafor"}
    assert event.changes["decided_by"] == {"from": None, "to": "representative"}
    history = client_for(coordinator).get(url(dee)).content.decode()
    assert "Grace Okafor, a representative, because: Dee is in hospital" in history
    assert "Priya Shah" in history


def test_a_representatives_decision_without_a_reason_is_refused_and_nothing_is_lost(
    client_for, coordinator, dee, sister, neighbour
):
    response = client_for(coordinator).post(
        url(dee),
        staff_answers(
            sister,
            neighbour,
            decided_by=DecidedBy.REPRESENTATIVE,
            representative_name="Grace Okafor",
            representative_reason="   ",
            **{f"see_{neighbour.pk}": "on", f"contribute_{sister.pk}": None},
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "Enter why a representative made this decision for Dee." in content
    assert 'value="Grace Okafor"' in content
    assert re.search(r'value="representative"[^>]*checked', content)
    assert re.search(rf'name="see_{neighbour.pk}"[^>]*checked', content)
    assert not re.search(rf'name="contribute_{sister.pk}"[^>]*checked', content)
    assert ConsentDecision.objects.count() == 0
    sister.refresh_from_db()
    neighbour.refresh_from_db()
    assert (sister.may_contribute, neighbour.may_see) == (True, False)


def test_a_representatives_decision_without_a_name_is_refused(
    client_for, coordinator, dee, sister, neighbour
):
    response = client_for(coordinator).post(
        url(dee),
        staff_answers(
            sister,
            neighbour,
            decided_by=DecidedBy.REPRESENTATIVE,
            representative_reason="Cannot weigh it up",
            **{f"see_{neighbour.pk}": "on"},
        ),
    )

    content = response.content.decode()
    assert "Enter the name of the representative who made this decision." in content
    assert "Cannot weigh it up" in content
    assert ConsentDecision.objects.count() == 0


def test_staff_cannot_tick_adding_to_plans_without_seeing(
    client_for, coordinator, dee, sister, neighbour
):
    response = client_for(coordinator).post(
        url(dee), staff_answers(sister, neighbour, **{f"contribute_{neighbour.pk}": "on"})
    )

    content = response.content.decode()
    assert "Bob Price can only add to Dee&#x27;s plans if they may also see Dee&#x27;s" in content
    assert ConsentDecision.objects.count() == 0


def test_a_decision_made_while_the_page_was_open_is_not_overwritten(
    client_for, coordinator, manager, dee, sister, neighbour
):
    # The manager records Dee's "no" for her sister after the coordinator opened the page.
    record_consent(
        actor=manager,
        person=dee,
        choices={sister.pk: ConsentChoice(may_see=False, may_contribute=False)},
        decided_by=DecidedBy.PERSON,
    )

    response = client_for(coordinator).post(
        url(dee), staff_answers(sister, neighbour, **{f"see_{neighbour.pk}": "on"})
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else changed who can see this information" in content
    assert re.search(rf'name="see_{neighbour.pk}"[^>]*checked', content)
    assert f'name="based_on_decision" value="{latest_decision_id(dee)}"' in content
    sister.refresh_from_db()
    neighbour.refresh_from_db()
    assert (sister.may_see, neighbour.may_see) == (False, False)
    assert ConsentDecision.objects.count() == 1


def test_the_service_refuses_a_member_of_another_circle(manager, provider, dee, sister):
    stranger = CircleMemberFactory.create(person=PersonFactory.create(organisation=provider))

    with pytest.raises(Exception, match="not in this circle"):
        record_consent(
            actor=manager,
            person=dee,
            choices={stranger.pk: ConsentChoice(may_see=True, may_contribute=False)},
            decided_by=DecidedBy.PERSON,
        )
    stranger.refresh_from_db()
    assert stranger.may_see is False


def test_the_service_raises_a_conflict_for_a_stale_page(manager, dee, sister):
    record_consent(
        actor=manager,
        person=dee,
        choices={sister.pk: ConsentChoice(may_see=False, may_contribute=False)},
        decided_by=DecidedBy.PERSON,
    )

    with pytest.raises(ConsentConflict):
        record_consent(
            actor=manager,
            person=dee,
            choices={sister.pk: ConsentChoice(may_see=True, may_contribute=True)},
            decided_by=DecidedBy.PERSON,
            based_on_decision=0,
        )
    sister.refresh_from_db()
    assert sister.may_see is False


def test_a_garbled_page_version_asks_the_user_to_check_rather_than_overwrite(
    client_for, coordinator, dee, sister, neighbour
):
    response = client_for(coordinator).post(
        url(dee),
        staff_answers(sister, neighbour, based_on_decision="abc", **{f"see_{neighbour.pk}": "on"}),
    )

    assert "Someone else changed who can see this information" in response.content.decode()
    assert ConsentDecision.objects.count() == 0


def test_the_history_outlives_removing_someone_from_the_circle(
    client_for, person_user, coordinator, dee, sister, neighbour
):
    client_for(person_user).post(
        url(dee), person_answers(sister, neighbour, **{f"contribute_{sister.pk}": "no"})
    )
    client_for(coordinator).post(f"/people/{dee.pk}/circle/{sister.pk}/remove/")

    assert not CircleMember.objects.filter(pk=sister.pk).exists()
    decision = ConsentDecision.objects.get(person=dee)
    assert decision.member is None
    assert decision.member_name == "Ngozi Okafor"
    page = client_for(coordinator).get(url(dee)).content.decode()
    assert "Ngozi Okafor" in page  # still in "What changed"


def test_the_page_makes_the_same_queries_however_many_members_and_decisions(
    client_for, coordinator, dee, sister, neighbour
):
    client = client_for(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(dee)).status_code == 200
        return len(queries)

    client.post(url(dee), staff_answers(sister, neighbour))
    few = count()
    for n in range(10):
        CircleMemberFactory.create(person=dee, name=f"Friend {n}")
    extra = list(CircleMember.objects.filter(person=dee, name__startswith="Friend"))
    answers = staff_answers(sister, neighbour)
    for member in extra:
        answers[f"see_{member.pk}"] = "on"
    client.post(url(dee), answers)
    assert ConsentDecision.objects.filter(person=dee).count() > 3
    assert count() == few
