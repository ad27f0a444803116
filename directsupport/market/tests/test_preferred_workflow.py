"""The preferred list's workflow: proposing and applying, assessing against each criterion, the
panel's view, and each decision, with every step dated, attributed and given its reason; what
is refused and how it is said; stale decisions; who is preferred."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from directsupport.audit.models import AuditEvent
from directsupport.market.models import (
    ApplicationStatus,
    ApplicationStep,
    Assessment,
    CriterionAssessment,
    PreferredApplication,
)
from directsupport.market.preferred.queries import missing_for_approval, preferred_supplier_ids
from directsupport.market.preferred.services import (
    ApplicationConflict,
    ApplicationRefused,
    add_criterion,
    apply_to_list,
    assess,
    change_criterion,
    decide,
    propose_supplier,
    record_panel_view,
)

from .factories import SupplierFactory
from .preferred_fixtures import assess_all, give_panel_view

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
S = ApplicationStatus


def move(
    application: PreferredApplication, status: str, actor, reason: str = ""
) -> ApplicationStep:
    application.refresh_from_db()
    return decide(
        application=application,
        status=status,
        reason=reason,
        expected_version=application.version,
        actor=actor,
    )


def moves(application: PreferredApplication) -> list[tuple[str, str, str, str]]:
    return [
        (step.from_status, step.to_status, step.by.full_name, step.reason)
        for step in application.steps.select_related("by")
    ]


# --- Proposing and applying -------------------------------------------------------------------


def test_a_proposal_is_dated_attributed_and_says_why(swim_club, market_shaper, provider):
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, 0, tzinfo=LONDON), tick=False):
        application = propose_supplier(
            provider=provider, supplier=swim_club, why="People asked for it.", actor=market_shaper
        )
    assert application.status == S.PROPOSED
    [step] = application.steps.all()
    assert (step.from_status, step.to_status, step.by, step.reason) == (
        "",
        S.PROPOSED,
        market_shaper,
        "People asked for it.",
    )
    assert step.at == dt.datetime(2026, 3, 20, 10, 0, tzinfo=LONDON)
    assert AuditEvent.objects.filter(
        subject_id=str(application.pk),
        summary="Proposed Riverside Swim Club for the preferred list",
    ).exists()


def test_a_proposal_must_say_why(swim_club, market_shaper, provider):
    with pytest.raises(ApplicationRefused, match="Say why this supplier is proposed"):
        propose_supplier(provider=provider, supplier=swim_club, why="  ", actor=market_shaper)
    assert not PreferredApplication.objects.exists()


def test_a_supplier_from_another_providers_directory_cannot_be_proposed(
    market_shaper, provider, other_provider
):
    elsewhere = SupplierFactory.create(directory_owner=other_provider)
    with pytest.raises(ApplicationRefused, match="is not in Willowbrook Support's directory"):
        propose_supplier(provider=provider, supplier=elsewhere, why="Good", actor=market_shaper)


def test_a_proposed_supplier_applies_with_its_own_statement(proposed, swim_club, market_shaper):
    club_user = swim_club.organisation.users.create(
        email="coach@riverside.example", full_name="Ade Coach", role="supplier"
    )
    application = apply_to_list(
        supplier=swim_club, statement="We teach 40 people.", actor=club_user
    )
    assert application.pk == proposed.pk
    assert (application.status, application.statement) == (S.APPLIED, "We teach 40 people.")
    assert moves(application)[-1] == (S.PROPOSED, S.APPLIED, "Ade Coach", "")


def test_a_supplier_applying_starts_an_application_of_its_own(applied, bright_days, supplier):
    assert (applied.provider, applied.supplier, applied.status) == (
        bright_days.directory_owner,
        bright_days,
        S.APPLIED,
    )
    assert moves(applied) == [("", S.APPLIED, "Kwame Asante", "")]


def test_an_application_needs_a_statement(bright_days, supplier):
    with pytest.raises(ApplicationRefused, match="how you meet each criterion") as refused:
        apply_to_list(supplier=bright_days, statement="\n ", actor=supplier)
    assert refused.value.field == "statement"


def test_one_live_application_per_supplier_is_said_clearly(
    applied, bright_days, supplier, provider, market_shaper
):
    with pytest.raises(ApplicationRefused) as refused:
        apply_to_list(supplier=bright_days, statement="Again", actor=supplier)
    assert str(refused.value) == (
        "Bright Days CIC already has an application that is waiting to be assessed. A supplier "
        "has one open application (or place on the list) at a time: open that one instead of "
        "starting another."
    )
    with pytest.raises(ApplicationRefused, match="already has an application"):
        propose_supplier(provider=provider, supplier=bright_days, why="x", actor=market_shaper)
    assert PreferredApplication.objects.count() == 1


def test_the_databases_one_live_rule_becomes_the_same_clear_message(
    applied, bright_days, supplier, monkeypatch
):
    """Two applications started at once: the check passes for both, the database stops one."""
    from directsupport.market.preferred import services

    monkeypatch.setattr(services, "live_application_of", lambda **kwargs: None)
    with pytest.raises(ApplicationRefused) as refused:
        apply_to_list(supplier=bright_days, statement="Again", actor=supplier)
    assert "already has an application" in str(refused.value)
    assert "started by someone else a moment ago" in str(refused.value)
    assert PreferredApplication.objects.count() == 1
    assert ApplicationStep.objects.count() == 1


def test_a_declined_supplier_may_apply_again(applied, bright_days, supplier, market_shaper):
    move(applied, S.ASSESSING, market_shaper)
    move(applied, S.DECLINED, market_shaper, "No references yet.")
    again = apply_to_list(supplier=bright_days, statement="Now with references.", actor=supplier)
    assert again.pk != applied.pk
    assert again.status == S.APPLIED


# --- Assessing and the panel's view ------------------------------------------------------------


def test_the_first_assessment_moves_the_application_to_being_assessed(
    proposed, criteria, market_shaper
):
    assess(
        application=proposed,
        criterion=criteria[0],
        result=Assessment.PARTLY,
        evidence="Two of three people were happy.",
        expected_version=proposed.version,
        actor=market_shaper,
    )
    proposed.refresh_from_db()
    assert proposed.status == S.ASSESSING
    assert moves(proposed)[-1] == (
        S.PROPOSED,
        S.ASSESSING,
        "Tom Reilly",
        "Assessment began: Good quality support.",
    )
    [assessment] = CriterionAssessment.objects.all()
    assert (assessment.result, assessment.assessed_by) == (Assessment.PARTLY, market_shaper)


def test_assessing_again_changes_the_assessment_and_keeps_the_old_one_in_the_audit(
    proposed, criteria, market_shaper
):
    assess_all(proposed, criteria[:1], market_shaper, Assessment.NOT_MET)
    assess_all(proposed, criteria[:1], market_shaper, Assessment.MET)
    [assessment] = CriterionAssessment.objects.all()
    assert assessment.result == Assessment.MET
    changed = (
        AuditEvent.objects.filter(subject_type="market.criterionassessment").order_by("id").last()
    )
    assert changed is not None
    assert changed.changes["result"] == {"from": "not_met", "to": "met"}


def test_a_criterion_no_longer_used_cannot_be_assessed(proposed, criteria, market_shaper):
    change_criterion(criterion=criteria[0], fields={"active": False}, actor=market_shaper)
    with pytest.raises(ApplicationRefused, match="not one of the criteria"):
        assess_all(proposed, criteria[:1], market_shaper)


def test_a_closed_application_is_not_assessed(proposed, criteria, market_shaper):
    move(proposed, S.WITHDRAWN, market_shaper)
    with pytest.raises(ApplicationRefused) as refused:
        assess_all(proposed, criteria[:1], market_shaper)
    assert str(refused.value) == (
        "This application is withdrawn, so it is not being assessed now. Nothing was changed."
    )


def test_the_panels_view_is_recorded_with_who_and_when(proposed, expert):
    with time_machine.travel(dt.datetime(2026, 3, 21, 14, 30, tzinfo=LONDON), tick=False):
        give_panel_view(proposed, expert)
    assert proposed.panel_view.startswith("The panel met the club")
    assert proposed.panel_view_by == expert
    assert proposed.panel_view_at == dt.datetime(2026, 3, 21, 14, 30, tzinfo=LONDON)
    assert proposed.status == S.ASSESSING


def test_an_empty_panel_view_is_refused(proposed, expert):
    with pytest.raises(ApplicationRefused, match="Write the panel's view"):
        record_panel_view(
            application=proposed, view=" ", expected_version=proposed.version, actor=expert
        )


# --- Deciding: every legal move ------------------------------------------------------------


def test_approval_after_every_criterion_and_the_panel(ready, market_shaper, swim_club, provider):
    step = move(ready, S.APPROVED, market_shaper, "Meets every criterion; the panel agrees.")
    assert (step.from_status, step.to_status, step.by) == (S.ASSESSING, S.APPROVED, market_shaper)
    assert step.reason == "Meets every criterion; the panel agrees."
    assert preferred_supplier_ids(provider.pk) == {swim_club.pk}


def test_suspend_reinstate_and_withdraw_each_leave_a_step(
    ready, market_shaper, swim_club, provider
):
    move(ready, S.APPROVED, market_shaper, "Meets every criterion.")
    move(ready, S.SUSPENDED, market_shaper, "A safeguarding concern is being looked into.")
    assert preferred_supplier_ids(provider.pk) == set()
    move(ready, S.APPROVED, market_shaper, "The concern was not upheld.")
    assert preferred_supplier_ids(provider.pk) == {swim_club.pk}
    move(ready, S.WITHDRAWN, market_shaper)
    assert preferred_supplier_ids(provider.pk) == set()
    assert [(f, t) for f, t, _, _ in moves(ready)][-4:] == [
        (S.ASSESSING, S.APPROVED),
        (S.APPROVED, S.SUSPENDED),
        (S.SUSPENDED, S.APPROVED),
        (S.APPROVED, S.WITHDRAWN),
    ]


def test_decline_with_a_reason(ready, market_shaper):
    step = move(ready, S.DECLINED, market_shaper, "Prices well above the fair range.")
    assert step.to_status == S.DECLINED
    assert AuditEvent.objects.filter(
        subject_id=str(ready.pk), summary="Riverside Swim Club's application declined"
    ).exists()


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.PROPOSED, S.ASSESSING),
        (S.PROPOSED, S.WITHDRAWN),
        (S.APPLIED, S.ASSESSING),
        (S.APPLIED, S.WITHDRAWN),
        (S.ASSESSING, S.WITHDRAWN),
        (S.SUSPENDED, S.WITHDRAWN),
    ],
)
def test_moves_that_need_no_reason(start, to, proposed, market_shaper):
    PreferredApplication.objects.filter(pk=proposed.pk).update(status=start)
    step = move(proposed, to, market_shaper)
    assert (step.from_status, step.to_status) == (start, to)


# --- Deciding: what is refused, and how it is said -----------------------------------------


@pytest.mark.parametrize("to", [S.APPROVED, S.DECLINED, S.SUSPENDED])
def test_approving_declining_and_suspending_need_a_reason(to, ready, market_shaper):
    if to == S.SUSPENDED:
        move(ready, S.APPROVED, market_shaper, "Good")
    with pytest.raises(ApplicationRefused, match="Say why it is") as refused:
        move(ready, to, market_shaper, "   ")
    assert refused.value.field == "reason"


def test_approval_waits_for_every_criterion_and_the_panel(proposed, criteria, market_shaper):
    assess_all(proposed, criteria[:3], market_shaper)
    with pytest.raises(ApplicationRefused) as refused:
        move(proposed, S.APPROVED, market_shaper, "Looks good")
    assert str(refused.value) == (
        "It cannot be approved yet: assess it against Flexible contracts and Good references "
        "and record the co-production panel's view."
    )
    proposed.refresh_from_db()
    assert proposed.status == S.ASSESSING


def test_approval_waits_for_the_panel_alone_when_all_is_assessed(proposed, criteria, market_shaper):
    assess_all(proposed, criteria, market_shaper)
    with pytest.raises(ApplicationRefused) as refused:
        move(proposed, S.APPROVED, market_shaper, "Looks good")
    assert str(refused.value) == (
        "It cannot be approved yet: record the co-production panel's view."
    )


def test_a_criterion_added_later_must_be_assessed_before_reinstating(
    ready, market_shaper, provider
):
    move(ready, S.APPROVED, market_shaper, "Good")
    move(ready, S.SUSPENDED, market_shaper, "Complaint")
    add_criterion(
        provider=provider,
        fields={
            "kind": "other",
            "title": "Safeguarding training",
            "description": "Every worker trained.",
            "easy_read": "They keep you safe.",
            "agreed_on": dt.date(2026, 4, 1),
            "agreed_with": "The panel",
        },
        actor=market_shaper,
    )
    with pytest.raises(ApplicationRefused, match="assess it against Safeguarding training"):
        move(ready, S.APPROVED, market_shaper, "Back")


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (
            S.APPROVED,
            S.DECLINED,
            "This application is on the preferred list, so it cannot be declined. From here it "
            "can only: suspend, withdraw.",
        ),
        (
            S.PROPOSED,
            S.APPROVED,
            "This application is proposed, waiting for the supplier to apply, so it cannot be "
            "approved. From here it can only: start assessing, withdraw.",
        ),
        (
            S.DECLINED,
            S.APPROVED,
            "This application is declined, so it cannot be approved: it is closed. A new "
            "application is needed.",
        ),
        (
            S.SUSPENDED,
            S.SUSPENDED,
            "This application is suspended, so it cannot be suspended. From here it can only: "
            "reinstate, withdraw.",
        ),
        (
            S.WITHDRAWN,
            S.ASSESSING,
            "This application is withdrawn, so it cannot be moved to assessment: it is closed. "
            "A new application is needed.",
        ),
    ],
)
def test_illegal_moves_are_refused_in_words(start, to, message, ready, market_shaper):
    PreferredApplication.objects.filter(pk=ready.pk).update(status=start)
    steps_before = ApplicationStep.objects.count()
    with pytest.raises(ApplicationRefused) as refused:
        move(ready, to, market_shaper, "A reason")
    assert str(refused.value) == message
    ready.refresh_from_db()
    assert ready.status == start
    assert ApplicationStep.objects.count() == steps_before


def test_a_decision_on_a_stale_page_is_refused(ready, market_shaper, manager):
    seen = ready.version
    move(ready, S.DECLINED, manager, "Too expensive")
    with pytest.raises(ApplicationConflict) as conflict:
        decide(
            application=ready,
            status=S.APPROVED,
            reason="Good",
            expected_version=seen,
            actor=market_shaper,
        )
    assert conflict.value.saved.status == S.DECLINED
    ready.refresh_from_db()
    assert ready.status == S.DECLINED


def test_an_assessment_changed_meanwhile_makes_the_decision_stale(
    ready, criteria, market_shaper, manager
):
    seen = ready.version
    assess_all(ready, criteria[:1], manager, Assessment.NOT_MET)
    with pytest.raises(ApplicationConflict):
        decide(
            application=ready,
            status=S.APPROVED,
            reason="Good",
            expected_version=seen,
            actor=market_shaper,
        )


def test_two_decisions_at_once_only_one_wins(ready, market_shaper, manager, monkeypatch):
    """The second decision passed its version check before the first was saved: the UPDATE
    that matches only the version it saw refuses it."""
    from directsupport.market.preferred import services

    seen = ready.version
    real_current_at = services._current_at

    def current_then_someone_else_decides(application, expected_version):
        current = real_current_at(application, expected_version)
        PreferredApplication.objects.filter(pk=application.pk).update(
            status=S.DECLINED, version=seen + 1
        )
        return current

    monkeypatch.setattr(services, "_current_at", current_then_someone_else_decides)
    with pytest.raises(ApplicationConflict):
        decide(
            application=ready,
            status=S.APPROVED,
            reason="Good",
            expected_version=seen,
            actor=manager,
        )
    assert not ApplicationStep.objects.filter(to_status=S.APPROVED).exists()


# --- Who is preferred -----------------------------------------------------------------------


def test_only_approved_suppliers_are_preferred(
    ready, applied, make_ready, market_shaper, swim_club, provider, other_provider
):
    assert preferred_supplier_ids(provider.pk) == set()
    move(ready, S.APPROVED, market_shaper, "Good")
    make_ready(applied)
    move(applied, S.APPROVED, market_shaper, "Good")
    move(applied, S.SUSPENDED, market_shaper, "Complaint")
    assert preferred_supplier_ids(provider.pk) == {swim_club.pk}
    assert preferred_supplier_ids(other_provider.pk) == set()


def test_what_is_missing_names_each_gap(proposed, criteria, market_shaper):
    missing = missing_for_approval(proposed)
    assert missing.criteria == tuple(c.title for c in criteria)
    assert missing.panel_view
    assert bool(missing)


def test_nothing_is_approved_against_no_criteria(proposed, market_shaper, expert):
    give_panel_view(proposed, expert)
    with pytest.raises(ApplicationRefused) as refused:
        move(proposed, S.APPROVED, market_shaper, "Looks good")
    assert str(refused.value) == (
        "It cannot be approved yet: write down the criteria agreed with people supported and "
        "the council."
    )
