"""The optimiser's pages and services: a market shaper starts a run for the borough, sees its
report (cost, bound, gap, greedy, needs not met with what stops them) and accepts or rejects
its proposals one by one; who may see and do each; bad input keeps what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.audit.models import AuditEvent
from directsupport.commissioning.models import (
    OptimiserRun,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RunStatus,
)
from directsupport.commissioning.optimiser.build import build_instance
from directsupport.commissioning.optimiser.services import (
    carry_out_run,
    decide_proposal,
    start_run,
)
from directsupport.market.tests.factories import standard_term
from directsupport.market.tests.matching_fixtures import make_service, swimming_need
from tests.clock import on_day
from tests.factories import PersonFactory

TODAY = dt.date(2026, 12, 7)
LIST = reverse("commissioning:run_list")


@pytest.fixture(autouse=True)
def _fixed_day():
    with on_day(TODAY):
        yield


@pytest.fixture
def borough(dee):
    """Dee wants swimming on Tuesdays 18:00-20:00 in HF3: Anchor (£20 an hour, one place) and
    Birch (£24 an hour) can meet it. She also wants gardening, which nobody offers."""
    anchor = make_service("Swim with Anchor", "Anchor Swim CIC", places=1)
    birch = make_service("Birch swimming", "Birch Leisure", hourly_pence=2400)
    swimming = swimming_need(dee, wanted_languages=[], wanted_gender="")
    gardening = swimming_need(dee, what="Gardening", term=standard_term("gardening"))
    return {"anchor": anchor, "birch": birch, "swimming": swimming, "gardening": gardening}


def _run(market_shaper, provider, django_capture_on_commit_callbacks, **parameters):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(actor=market_shaper, organisation=provider, parameters=parameters)
    run.refresh_from_db()
    return run


def test_a_run_meets_swimming_at_anchor_and_says_nobody_offers_gardening(
    borough, market_shaper, provider, django_capture_on_commit_callbacks
):
    run = _run(market_shaper, provider, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.DONE
    assert run.solver_status == "optimal"
    assert run.cost_pence_a_week == 4000  # two hours at £20
    assert run.lower_bound_pence_a_week == 4000 and run.gap_bp == 0
    assert run.greedy_cost_pence_a_week == 4000
    assert run.unmet_needs == 1
    [unmet] = run.conflicts
    assert unmet["need_id"] == borough["gardening"].pk
    assert unmet["conflicts"][0]["code"] == "kind"
    assert "gardening" in unmet["conflicts"][0]["words"]
    [proposal] = run.proposals.all()
    assert proposal.kind == ProposalKind.ASSIGN
    assert proposal.need_ids == [borough["swimming"].pk]
    assert proposal.service == borough["anchor"]
    assert "Dee: Swimming" in proposal.explanation
    assert run.progress_percent == 100
    assert AuditEvent.objects.filter(subject_type="commissioning.optimiserrun").exists()


def test_a_supplier_the_person_said_no_to_is_never_offered(
    borough, dee, market_shaper, provider, django_capture_on_commit_callbacks
):
    anchor_supplier = borough["anchor"].supplier_id
    run = _run(
        market_shaper,
        provider,
        django_capture_on_commit_callbacks,
        exclusions=[[dee.pk, anchor_supplier]],
    )
    [proposal] = run.proposals.all()
    assert proposal.service == borough["birch"]
    assert run.cost_pence_a_week == 4800


def test_the_instance_reuses_the_markets_judgement_of_who_can_meet_a_need(borough, provider):
    built = build_instance(organisation=provider, today=TODAY, parameters={})
    needs = {need.id: need for need in built.instance.needs}
    swimming = needs[borough["swimming"].pk]
    assert sorted(o.pence_a_week for o in swimming.options) == [4000, 4800]
    assert built.instance.capacities[borough["anchor"].pk] == 1
    assert needs[borough["gardening"].pk].options == ()


def test_market_shaper_starts_a_run_from_the_page_and_reads_the_report(
    borough, market_shaper, client_for, django_capture_on_commit_callbacks
):
    client = client_for(market_shaper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST,
            {
                "gap_percent": "0",
                "time_limit_seconds": "30",
                "options_per_need": "8",
                "include_pools": "on",
                "pool_travel_km": "5",
                "pool_size": "3",
                "exclusions": "",
            },
        )
    run = OptimiserRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("commissioning:run_detail", kwargs={"run_pk": run.pk})
    page = client.get(response.url).content.decode()
    assert "£40.00" in page
    assert "No service of that kind" in page
    assert "Swim with Anchor" in page
    assert "<progress" not in page


def test_a_run_still_going_shows_a_progress_bar_that_refreshes_itself(
    market_shaper, provider, client_for
):
    run = OptimiserRun.objects.create(
        organisation=provider,
        created_by=market_shaper,
        status=RunStatus.RUNNING,
        progress_percent=40,
        progress_words="Solving for 1,200 needs",
    )
    page = client_for(market_shaper).get(
        reverse("commissioning:run_detail", kwargs={"run_pk": run.pk})
    )
    text = page.content.decode()
    assert '<progress id="run-progress" max="100" value="40">' in text
    assert 'http-equiv="refresh"' in text
    assert "Solving for 1,200 needs" in text


def test_bad_settings_are_named_field_by_field_and_nothing_is_started(
    borough, dee, market_shaper, client_for
):
    response = client_for(market_shaper).post(
        LIST,
        {
            "gap_percent": "lots",
            "time_limit_seconds": "9999",
            "options_per_need": "8",
            "pool_travel_km": "5",
            "pool_size": "3",
            "exclusions": f"{dee.pk}, Nobody Ltd\nabc, Anchor Swim CIC",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a percentage from 0 to 10, such as 1" in text
    assert "Enter a number of seconds from 1 to 600" in text
    assert "Line 1: no supplier called “Nobody Ltd” in the directory" in text
    assert "Line 2: no person numbered “abc”" in text
    assert "Nobody Ltd" in text and 'value="9999"' in text  # what was typed is kept
    assert not OptimiserRun.objects.exists()


@pytest.mark.parametrize("role", ["market_shaper", "manager", "coordinator", "finance"])
def test_provider_staff_see_the_runs(role, request, client_for):
    response = client_for(request.getfixturevalue(role)).get(LIST)
    assert response.status_code == 200
    assert ("Start the run" in response.content.decode()) == (role in ("market_shaper", "manager"))


@pytest.mark.parametrize("role", ["worker", "expert", "supplier", "commissioner", "person_user"])
def test_others_are_not_shown_the_runs(role, request, client_for):
    assert client_for(request.getfixturevalue(role)).get(LIST).status_code == 404


def test_another_providers_staff_see_only_their_own_runs(finished, outsider, client_for):
    page = client_for(outsider).get(LIST).content.decode()
    assert "No runs yet." in page
    assert f"Run {finished.pk}<" not in page


def test_a_coordinator_cannot_start_a_run(coordinator, client_for):
    response = client_for(coordinator).post(LIST, {"gap_percent": "0"})
    assert response.status_code == 403
    assert not OptimiserRun.objects.exists()


@pytest.fixture
def finished(borough, market_shaper, provider, django_capture_on_commit_callbacks):
    return _run(market_shaper, provider, django_capture_on_commit_callbacks)


def _detail(run):
    return reverse("commissioning:run_detail", kwargs={"run_pk": run.pk})


def _decide(run, proposal):
    return reverse(
        "commissioning:run_proposal_decide",
        kwargs={"run_pk": run.pk, "proposal_pk": proposal.pk},
    )


@pytest.mark.parametrize("role", ["market_shaper", "manager", "coordinator", "finance"])
def test_provider_staff_read_a_runs_report(role, finished, request, client_for):
    assert client_for(request.getfixturevalue(role)).get(_detail(finished)).status_code == 200


@pytest.mark.parametrize("role", ["worker", "expert", "supplier", "person_user", "outsider"])
def test_others_are_not_shown_a_runs_report(role, finished, request, client_for):
    assert client_for(request.getfixturevalue(role)).get(_detail(finished)).status_code == 404


def test_market_shaper_accepts_a_proposal_audited(finished, market_shaper, client_for):
    proposal = finished.proposals.get()
    response = client_for(market_shaper).post(
        _decide(finished, proposal), {"decision": "accept", "reason": "Dee likes Anchor"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == market_shaper
    assert proposal.decision_reason == "Dee likes Anchor"
    assert AuditEvent.objects.filter(
        subject_type="commissioning.proposal", subject_id=str(proposal.pk)
    ).exists()


def test_rejecting_without_a_reason_is_refused_and_nothing_changes(
    finished, market_shaper, client_for
):
    proposal = finished.proposals.get()
    response = client_for(market_shaper).post(_decide(finished, proposal), {"decision": "reject"})
    assert response.status_code == 400
    assert "Say why you reject it" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_a_proposal_is_decided_once(finished, market_shaper, client_for):
    proposal = finished.proposals.get()
    decide_proposal(actor=market_shaper, proposal=proposal, accept=True)
    response = client_for(market_shaper).post(
        _decide(finished, proposal), {"decision": "reject", "reason": "Changed my mind"}
    )
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


@pytest.mark.parametrize(("role", "status"), [("coordinator", 403), ("finance", 403)])
def test_readers_cannot_decide(role, status, finished, request, client_for):
    proposal = finished.proposals.get()
    response = client_for(request.getfixturevalue(role)).post(
        _decide(finished, proposal), {"decision": "accept"}
    )
    assert response.status_code == status
    assert Proposal.objects.get().status == ProposalStatus.PENDING


@pytest.mark.parametrize("role", ["worker", "supplier", "person_user", "outsider"])
def test_others_cannot_decide(role, finished, request, client_for):
    proposal = finished.proposals.get()
    response = client_for(request.getfixturevalue(role)).post(
        _decide(finished, proposal), {"decision": "accept"}
    )
    assert response.status_code == 404


def test_a_task_run_twice_does_nothing_the_second_time(finished):
    again = carry_out_run(run_id=finished.pk)
    assert again.proposals.count() == 1


@pytest.fixture
def three_swimmers(dee, provider):
    """Dee, Eli and Fay each want swimming on Tuesdays 18:00-20:00 in HF3 and are happy to
    share a worker between three. Anchor (£20 an hour) has one place; Birch (£24) has five."""
    anchor = make_service("Swim with Anchor", "Anchor Swim CIC", places=1)
    birch = make_service("Birch swimming", "Birch Leisure", hourly_pence=2400, places=5)
    people = [dee, *(PersonFactory.create(organisation=provider) for _ in range(2))]
    needs = [
        swimming_need(p, wanted_languages=[], wanted_gender="", ratio="shared", shared_by=3)
        for p in people
    ]
    return {"anchor": anchor, "birch": birch, "needs": needs}


def test_three_people_are_proposed_to_swim_together_and_accepting_proposes_the_pool(
    three_swimmers, market_shaper, provider, django_capture_on_commit_callbacks
):
    """Alone: one at Anchor (£40) and two at Birch (£48 each), £136. Together at Birch: one
    worker for two hours, £48 shared three ways, £16 each, £48 in all."""
    run = _run(market_shaper, provider, django_capture_on_commit_callbacks)
    assert run.cost_pence_a_week == 4800
    assert run.greedy_cost_pence_a_week == 13600
    [proposal] = run.proposals.all()
    assert proposal.kind == ProposalKind.POOL
    assert sorted(proposal.need_ids) == sorted(n.pk for n in three_swimmers["needs"])
    assert proposal.service == three_swimmers["birch"]
    assert proposal.alone_pence_a_week == 3 * 4800
    decided = decide_proposal(actor=market_shaper, proposal=proposal, accept=True)
    assert decided.pool is not None
    members = list(decided.pool.members.all())
    assert len(members) == 3
    assert all(m.pooled_pence_a_week == 1600 <= m.alone_pence_a_week for m in members)
