"""The preferred list's pages for each role: who may read, who may change, who gets 404 or 403;
the forms' messages; the supplier's own page; the list in easy read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from directsupport.market.models import (
    ApplicationStatus,
    ApplicationStep,
    CriterionAssessment,
    PreferredApplication,
    PreferredCriterion,
)
from directsupport.market.preferred.services import decide

from .factories import PreferredCriterionFactory, SupplierFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus
KEEPERS = ["market_shaper", "manager"]
PROVIDER_READERS = ["coordinator", "worker", "finance", "expert", "person_user", "sister_user"]
APPLICATION_READERS = [*KEEPERS, "expert", "commissioner"]
NOT_APPLICATION_READERS = ["coordinator", "worker", "finance", "person_user", "sister_user"]


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister) -> Any:
    """Any persona by name; Dee (funded by Hollowfield) makes the council a reader."""
    return request.getfixturevalue


def url(name: str, *args: int) -> str:
    return reverse(f"market:{name}", args=args)


def approve(
    application: PreferredApplication, actor: Any, reason: str = "Meets every one."
) -> None:
    application.refresh_from_db()
    decide(
        application=application,
        status=S.APPROVED,
        reason=reason,
        expected_version=application.version,
        actor=actor,
    )


@pytest.fixture
def listed(ready, market_shaper) -> PreferredApplication:
    """Riverside Swim Club, approved on 20 March 2026."""
    with time_machine.travel(dt.datetime(2026, 3, 20, 11, 0, tzinfo=dt.UTC), tick=False):
        approve(ready, market_shaper)
    return ready


# --- The list and its easy read -------------------------------------------------------------


@pytest.mark.parametrize("name", [*KEEPERS, *PROVIDER_READERS, "commissioner"])
def test_everyone_of_the_provider_and_its_council_reads_the_list(name, persona, client_for, listed):
    page = client_for(persona(name)).get(url("preferred_list")).content.decode()
    assert "Riverside Swim Club" in page
    assert "Swimming" in page
    assert "Hollowfield East" in page
    assert "20 March 2026" in page
    assert ("Propose a supplier" in page) == (name in KEEPERS)


def test_a_suspended_supplier_is_not_on_the_list(client_for, listed, market_shaper, coordinator):
    listed.refresh_from_db()
    decide(
        application=listed,
        status=S.SUSPENDED,
        reason="A complaint is being looked into.",
        expected_version=listed.version,
        actor=market_shaper,
    )
    page = client_for(coordinator).get(url("preferred_list")).content.decode()
    assert "Riverside Swim Club" not in page
    assert "There is nobody on the preferred list yet." in page


@pytest.mark.parametrize(
    "page_name", ["preferred_list", "preferred_easy_read", "preferred_criteria"]
)
def test_suppliers_do_not_read_the_list_pages(page_name, client_for, supplier, listed):
    assert client_for(supplier).get(url(page_name)).status_code == 404


@pytest.mark.parametrize(
    "page_name", ["preferred_list", "preferred_easy_read", "preferred_criteria"]
)
@pytest.mark.parametrize("name", ["outsider", "other_commissioner"])
def test_outsiders_see_nothing_of_our_list(page_name, name, persona, client_for, listed):
    response = client_for(persona(name)).get(url(page_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Riverside Swim Club" not in page
    assert "Good quality support" not in page


@pytest.mark.parametrize("name", ["person_user", "sister_user", "coordinator"])
def test_the_easy_read_list_in_short_sentences_with_a_picture(name, persona, client_for, listed):
    response = client_for(persona(name)).get(url("preferred_easy_read"))
    page = response.content.decode()
    assert '<body class="easy-read"' in page
    assert "These suppliers were checked by people like you and the council." in page
    assert "You still choose who supports you." in page
    assert "<h3>Riverside Swim Club</h3>" in page
    assert "<p>They help with: swimming.</p>" in page
    assert "<p>They work in Hollowfield East.</p>" in page
    assert "<p>On the list since March 2026.</p>" in page
    # Every criterion in its easy-read words.
    assert "They give good support." in page and "Their prices are fair." in page
    # A picture beside each idea: what it means, five criteria, one supplier, who to ask.
    assert page.count('class="easy-read-item"') == 8
    assert page.count('aria-hidden="true" width="24" height="24" class="icon"') >= 8


def test_the_easy_read_list_says_when_nobody_is_on_it(client_for, person_user, dee, criteria):
    page = client_for(person_user).get(url("preferred_easy_read")).content.decode()
    assert "There are no suppliers on the list yet." in page


# --- Criteria -------------------------------------------------------------------------------


def criterion_data(**changes: str) -> dict[str, str]:
    data = {
        "kind": "values",
        "title": "Listens to people",
        "description": "Workers take time to understand what the person wants.",
        "easy_read": "They listen to you.",
        "agreed_on": "14/3/2026",
        "agreed_with": "The co-production panel and Hollowfield Council",
    }
    return data | changes


@pytest.mark.parametrize("name", [*KEEPERS, *PROVIDER_READERS, "commissioner"])
def test_readers_see_the_criteria_and_who_agreed_them(name, persona, client_for, criteria):
    page = client_for(persona(name)).get(url("preferred_criteria")).content.decode()
    assert "Good quality support" in page
    assert "14 March 2026, with The co-production panel and Hollowfield Council" in page
    assert ("Add a criterion" in page) == (name in KEEPERS)


@pytest.mark.parametrize("name", KEEPERS)
def test_keepers_add_a_criterion(name, persona, client_for, provider):
    response = client_for(persona(name)).post(url("preferred_criterion_new"), criterion_data())
    assert response.status_code == 302
    criterion = PreferredCriterion.objects.get()
    assert (criterion.provider, criterion.title, criterion.agreed_on, criterion.active) == (
        provider,
        "Listens to people",
        dt.date(2026, 3, 14),
        True,
    )


def test_a_criterion_with_gaps_says_what_is_missing_and_keeps_what_was_typed(
    client_for, market_shaper
):
    response = client_for(market_shaper).post(
        url("preferred_criterion_new"),
        criterion_data(easy_read="", agreed_on="31/2/2026", agreed_with=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Write the criterion in easy read: one or two short sentences." in page
    assert "Enter the day it was agreed as a real date, for example 12/3/2026." in page
    assert "Say who agreed it: people supported, the panel, the council." in page
    assert "Workers take time to understand what the person wants." in page
    assert not PreferredCriterion.objects.exists()


@pytest.mark.parametrize("name", [*PROVIDER_READERS, "commissioner", "supplier", "outsider"])
def test_others_cannot_add_criteria(name, persona, client_for):
    client = client_for(persona(name))
    assert client.get(url("preferred_criterion_new")).status_code == 404
    assert client.post(url("preferred_criterion_new"), criterion_data()).status_code == 404
    assert not PreferredCriterion.objects.exists()


def test_a_keeper_stops_using_a_criterion(client_for, manager, criteria):
    criterion = criteria[0]
    edit = url("preferred_criterion_edit", criterion.pk)
    assert "Applications are assessed against it" in client_for(manager).get(edit).content.decode()
    response = client_for(manager).post(edit, criterion_data(title="Quality"))  # active unticked
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.title, criterion.active) == ("Quality", False)
    page = client_for(manager).get(url("preferred_criteria")).content.decode()
    assert "No longer used" in page


@pytest.mark.parametrize("name", [*PROVIDER_READERS, "commissioner"])
def test_readers_may_not_change_a_criterion(name, persona, client_for, criteria):
    edit = url("preferred_criterion_edit", criteria[0].pk)
    client = client_for(persona(name))
    assert client.get(edit).status_code == 403
    assert client.post(edit, criterion_data()).status_code == 403


@pytest.mark.parametrize("name", ["supplier", "outsider", "other_commissioner"])
def test_a_criterion_of_ours_is_not_found_for_others(name, persona, client_for, criteria):
    edit = url("preferred_criterion_edit", criteria[0].pk)
    assert client_for(persona(name)).get(edit).status_code == 404


# --- Applications ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", APPLICATION_READERS)
def test_application_readers_see_them_by_status_with_counts(
    name, persona, client_for, listed, applied
):
    client = client_for(persona(name))
    page = client.get(url("preferred_applications")).content.decode()
    assert "All (2)" in page
    assert "Applied (1)" in page and "On the preferred list (1)" in page
    assert "Riverside Swim Club" in page and "Bright Days CIC" in page
    only_applied = client.get(url("preferred_applications") + "?status=applied").content.decode()
    assert "Bright Days CIC" in only_applied and "Riverside Swim Club" not in only_applied


@pytest.mark.parametrize("name", [*NOT_APPLICATION_READERS, "supplier", "outsider"])
def test_others_have_no_list_of_applications(name, persona, client_for, listed):
    assert client_for(persona(name)).get(url("preferred_applications")).status_code == 404


@pytest.mark.parametrize("name", APPLICATION_READERS)
def test_readers_see_an_application_with_its_evidence_panel_and_history(
    name, persona, client_for, listed
):
    page = client_for(persona(name)).get(url("preferred_application", listed.pk)).content.decode()
    assert "Three people asked for supported swimming." in page  # why it was proposed
    assert "Checked good quality support." in page  # evidence
    assert "The panel met the club" in page
    assert "Recorded by Jo Whitfield" in page
    assert "Meets every one." in page  # the approval's reason
    assert "20 March 2026" in page
    assert ("Decide" in page) == (name in KEEPERS)


@pytest.mark.parametrize("name", [*NOT_APPLICATION_READERS, "outsider", "other_commissioner"])
def test_an_application_is_not_found_for_others(name, persona, client_for, listed):
    assert client_for(persona(name)).get(url("preferred_application", listed.pk)).status_code == 404


def test_a_supplier_sees_its_own_application_without_evidence_or_panel_view(
    client_for, supplier, applied, make_ready, market_shaper
):
    make_ready(applied)
    approve(applied, market_shaper, "Strong references from two families.")
    page = client_for(supplier).get(url("preferred_application", applied.pk)).content.decode()
    assert "Bright Days CIC" in page
    assert "Strong references from two families." in page
    assert "Met" in page
    assert "Checked good quality support." not in page
    assert "The panel met the club" not in page
    assert "Decide" not in page


def test_another_suppliers_application_is_not_found_for_a_supplier(
    client_for, supplier, bright_days, listed
):
    client = client_for(supplier)
    assert client.get(url("preferred_application", listed.pk)).status_code == 404
    assert client.get(url("preferred_decide", listed.pk)).status_code == 404


# --- Proposing ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", KEEPERS)
def test_keepers_propose_a_supplier_from_their_directory(
    name, persona, client_for, swim_club, other_provider
):
    SupplierFactory.create(organisation__name="Elsewhere Care", directory_owner=other_provider)
    client = client_for(persona(name))
    form = client.get(url("preferred_propose")).content.decode()
    assert "Riverside Swim Club" in form and "Elsewhere Care" not in form
    response = client.post(
        url("preferred_propose"), {"supplier": swim_club.pk, "why": "People asked for swimming."}
    )
    application = PreferredApplication.objects.get()
    assert response["Location"] == url("preferred_application", application.pk)
    assert application.steps.get().reason == "People asked for swimming."


def test_proposing_without_a_reason_keeps_the_choice(client_for, market_shaper, swim_club):
    response = client_for(market_shaper).post(
        url("preferred_propose"), {"supplier": swim_club.pk, "why": ""}
    )
    page = response.content.decode()
    assert "Say why this supplier is proposed." in page
    assert f'<option value="{swim_club.pk}" selected>' in page
    assert not PreferredApplication.objects.exists()


def test_a_supplier_with_a_live_application_cannot_be_proposed_again(
    client_for, market_shaper, proposed, swim_club
):
    response = client_for(market_shaper).post(
        url("preferred_propose"), {"supplier": swim_club.pk, "why": "Again"}
    )
    assert "Choose a supplier from the list: that one cannot be proposed now." in (
        response.content.decode()
    )
    assert PreferredApplication.objects.count() == 1


@pytest.mark.parametrize("name", [*PROVIDER_READERS, "commissioner", "supplier", "outsider"])
def test_others_cannot_propose(name, persona, client_for, swim_club):
    client = client_for(persona(name))
    assert client.get(url("preferred_propose")).status_code == 404
    data = {"supplier": swim_club.pk, "why": "x"}
    assert client.post(url("preferred_propose"), data).status_code == 404
    assert not PreferredApplication.objects.exists()


# --- Assessing ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", KEEPERS)
def test_keepers_assess_against_a_criterion(name, persona, client_for, proposed, criteria):
    assess_url = url("preferred_assess", proposed.pk, criteria[1].pk)
    client = client_for(persona(name))
    assert "Price within the fair range" in client.get(assess_url).content.decode()
    response = client.post(
        assess_url,
        {"version": proposed.version, "result": "partly", "evidence": "£2 above the range."},
    )
    assert response.status_code == 302
    assessment = CriterionAssessment.objects.get()
    assert (assessment.result, assessment.evidence) == ("partly", "£2 above the range.")


def test_an_assessment_without_evidence_says_so(client_for, market_shaper, proposed, criteria):
    response = client_for(market_shaper).post(
        url("preferred_assess", proposed.pk, criteria[0].pk),
        {"version": proposed.version, "result": "met", "evidence": ""},
    )
    page = response.content.decode()
    assert "Give the evidence for this: what you saw, read or were told." in page
    assert 'value="met" id="id_result_0" required checked' in page  # the choice is kept
    assert not CriterionAssessment.objects.exists()


def test_an_assessment_on_a_stale_page_keeps_what_was_typed(
    client_for, market_shaper, manager, proposed, criteria
):
    seen = proposed.version
    client_for(manager).post(
        url("preferred_assess", proposed.pk, criteria[0].pk),
        {"version": seen, "result": "met", "evidence": "Seen by Helen."},
    )
    response = client_for(market_shaper).post(
        url("preferred_assess", proposed.pk, criteria[0].pk),
        {"version": seen, "result": "not_met", "evidence": "My own notes from the visit."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this application after you opened this page." in page
    assert "My own notes from the visit." in page
    assert CriterionAssessment.objects.get().evidence == "Seen by Helen."


@pytest.mark.parametrize("name", ["expert", "commissioner"])
def test_readers_may_not_assess(name, persona, client_for, proposed, criteria):
    assess_url = url("preferred_assess", proposed.pk, criteria[0].pk)
    client = client_for(persona(name))
    assert client.get(assess_url).status_code == 403
    data = {"version": proposed.version, "result": "met", "evidence": "x"}
    assert client.post(assess_url, data).status_code == 403
    assert not CriterionAssessment.objects.exists()


@pytest.mark.parametrize("name", ["coordinator", "person_user", "supplier", "outsider"])
def test_assessing_is_not_found_for_others(name, persona, client_for, proposed, criteria):
    assess_url = url("preferred_assess", proposed.pk, criteria[0].pk)
    assert client_for(persona(name)).get(assess_url).status_code == 404


def test_a_criterion_of_another_provider_is_not_found_to_assess(
    client_for, market_shaper, proposed, other_provider
):
    theirs = PreferredCriterionFactory.create(provider=other_provider)
    assess_url = url("preferred_assess", proposed.pk, theirs.pk)
    assert client_for(market_shaper).get(assess_url).status_code == 404


def test_a_supplier_may_not_assess_its_own_application(client_for, supplier, applied, criteria):
    assess_url = url("preferred_assess", applied.pk, criteria[0].pk)
    assert client_for(supplier).get(assess_url).status_code == 403


# --- The panel's view -----------------------------------------------------------------------


def test_an_expert_records_the_panels_view(client_for, expert, proposed):
    panel_url = url("preferred_panel_view", proposed.pk)
    client = client_for(expert)
    assert (
        "Record the panel's view"
        in client.get(url("preferred_application", proposed.pk)).content.decode()
    )
    response = client.post(panel_url, {"version": proposed.version, "view": "We liked them."})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.panel_view, proposed.panel_view_by) == ("We liked them.", expert)


def test_an_empty_panel_view_is_refused_on_the_page(client_for, expert, proposed):
    response = client_for(expert).post(
        url("preferred_panel_view", proposed.pk), {"version": proposed.version, "view": ""}
    )
    assert "Write the panel&#x27;s view." in response.content.decode()


@pytest.mark.parametrize("name", [*KEEPERS, "commissioner"])
def test_the_panels_view_is_not_written_by_those_who_decide(name, persona, client_for, proposed):
    panel_url = url("preferred_panel_view", proposed.pk)
    client = client_for(persona(name))
    assert client.get(panel_url).status_code == 403
    assert client.post(panel_url, {"version": proposed.version, "view": "x"}).status_code == 403
    proposed.refresh_from_db()
    assert proposed.panel_view == ""


@pytest.mark.parametrize("name", ["coordinator", "person_user", "supplier", "outsider"])
def test_the_panel_page_is_not_found_for_others(name, persona, client_for, proposed):
    assert (
        client_for(persona(name)).get(url("preferred_panel_view", proposed.pk)).status_code == 404
    )


# --- Deciding -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", KEEPERS)
def test_keepers_approve_a_ready_application(name, persona, client_for, ready):
    decide_url = url("preferred_decide", ready.pk)
    client = client_for(persona(name))
    form = client.get(decide_url).content.decode()
    assert "Approve: put on the preferred list" in form and "Decline" in form
    response = client.post(
        decide_url, {"version": ready.version, "status": "approved", "reason": "All met."}
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == S.APPROVED
    assert ready.steps.last().reason == "All met."


def test_the_decision_page_names_what_approval_still_needs(
    client_for, market_shaper, proposed, criteria
):
    proposed.refresh_from_db()
    decide(
        application=proposed,
        status=S.ASSESSING,
        reason="",
        expected_version=proposed.version,
        actor=market_shaper,
    )
    proposed.refresh_from_db()
    decide_url = url("preferred_decide", proposed.pk)
    expected = (
        "It cannot be approved yet: assess it against Good quality support, Price within the "
        "fair range, Shares our values, Flexible contracts and Good references and record the "
        "co-production panel&#x27;s view."
    )
    assert expected in client_for(market_shaper).get(decide_url).content.decode()
    response = client_for(market_shaper).post(
        decide_url, {"version": proposed.version, "status": "approved", "reason": "Keen"}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert expected in page
    assert "Keen" in page
    proposed.refresh_from_db()
    assert proposed.status == S.ASSESSING


def test_declining_without_a_reason_is_refused_beside_the_reason(client_for, manager, ready):
    response = client_for(manager).post(
        url("preferred_decide", ready.pk), {"version": ready.version, "status": "declined"}
    )
    page = response.content.decode()
    assert "Give the reason for this decision: the supplier sees it." in page
    ready.refresh_from_db()
    assert ready.status == S.ASSESSING


def test_a_decision_on_a_stale_page_says_what_happened_and_keeps_the_reason(
    client_for, market_shaper, manager, ready
):
    seen = ready.version
    client_for(manager).post(
        url("preferred_decide", ready.pk),
        {"version": seen, "status": "declined", "reason": "Prices too high."},
    )
    response = client_for(market_shaper).post(
        url("preferred_decide", ready.pk),
        {"version": seen, "status": "approved", "reason": "My reasons for approving."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "It is now declined." in page
    assert "The last step was by Helen Carter" in page
    assert "Prices too high." in page
    assert "My reasons for approving." in page
    ready.refresh_from_db()
    assert ready.status == S.DECLINED
    assert ApplicationStep.objects.filter(to_status=S.APPROVED).count() == 0


def test_a_closed_application_has_nothing_to_decide(client_for, manager, ready):
    ready.refresh_from_db()
    decide(
        application=ready,
        status=S.WITHDRAWN,
        reason="",
        expected_version=ready.version,
        actor=manager,
    )
    page = client_for(manager).get(url("preferred_decide", ready.pk)).content.decode()
    assert "This application is closed: nothing more can be decided." in page


@pytest.mark.parametrize("name", ["expert", "commissioner"])
def test_readers_may_not_decide(name, persona, client_for, ready):
    decide_url = url("preferred_decide", ready.pk)
    client = client_for(persona(name))
    assert client.get(decide_url).status_code == 403
    data = {"version": ready.version, "status": "approved", "reason": "x"}
    assert client.post(decide_url, data).status_code == 403
    ready.refresh_from_db()
    assert ready.status == S.ASSESSING


@pytest.mark.parametrize("name", ["coordinator", "person_user", "outsider", "other_commissioner"])
def test_deciding_is_not_found_for_others(name, persona, client_for, ready):
    assert client_for(persona(name)).get(url("preferred_decide", ready.pk)).status_code == 404


# --- The supplier's own page ----------------------------------------------------------------


def test_a_supplier_applies_for_its_own_entry(client_for, supplier, bright_days, criteria):
    client = client_for(supplier)
    page = client.get(url("preferred_apply")).content.decode()
    assert "Willowbrook Support's preferred supplier list" in page
    assert "Good quality support" in page
    assert "Send the application" in page
    response = client.post(url("preferred_apply"), {"statement": "Ten years of day trips."})
    assert response.status_code == 302
    application = PreferredApplication.objects.get()
    assert (application.supplier, application.status) == (bright_days, S.APPLIED)
    page = client.get(url("preferred_apply")).content.decode()
    assert "Your application is waiting to be assessed." in page
    assert "Send the application" not in page


def test_an_empty_application_is_refused_on_the_page(client_for, supplier, bright_days):
    response = client_for(supplier).post(url("preferred_apply"), {"statement": " "})
    assert "how you meet each criterion" in response.content.decode()
    assert not PreferredApplication.objects.exists()


def test_a_proposed_supplier_is_asked_to_apply(
    client_for, supplier, bright_days, market_shaper, provider
):
    from directsupport.market.preferred.services import propose_supplier

    propose_supplier(provider=provider, supplier=bright_days, why="Good", actor=market_shaper)
    client = client_for(supplier)
    page = client.get(url("preferred_apply")).content.decode()
    assert "The market shaper has proposed Bright Days CIC for the list." in page
    client.post(url("preferred_apply"), {"statement": "Happy to join."})
    assert PreferredApplication.objects.get().status == S.APPLIED


def test_the_supplier_sees_its_declined_application_and_why(
    client_for, supplier, applied, market_shaper
):
    for status, reason in ((S.ASSESSING, ""), (S.DECLINED, "No references yet.")):
        applied.refresh_from_db()
        decide(
            application=applied,
            status=status,
            reason=reason,
            expected_version=applied.version,
            actor=market_shaper,
        )
    page = client_for(supplier).get(url("preferred_apply")).content.decode()
    assert "Why: No references yet." in page
    assert "Send the application" in page  # it may apply again


@pytest.mark.parametrize("name", [*KEEPERS, "expert", "commissioner", "person_user", "outsider"])
def test_the_apply_page_is_only_for_suppliers(name, persona, client_for):
    assert client_for(persona(name)).get(url("preferred_apply")).status_code == 404


def test_a_supplier_without_a_directory_entry_has_no_apply_page(client_for, supplier):
    client = client_for(supplier)
    assert client.get(url("preferred_apply")).status_code == 404
    assert client.post(url("preferred_apply"), {"statement": "x"}).status_code == 404
