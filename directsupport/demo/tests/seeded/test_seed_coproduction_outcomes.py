"""The demo's outcomes moving and its learning log, read from the seeded demo on the story's day:
progress over 18 months for most people with outcomes, the achieved ones ending achieved (each
with its actions done, as planning expects), Dee's outcomes all moving, and about 80 learning log
entries."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from directsupport.coproduction.models import LearningLogEntry, OutcomeProgress, Progress
from directsupport.coproduction.outcomes.queries import latest_progress
from directsupport.people.models import Person
from directsupport.planning.models import Outcome


def test_the_demo_says_what_it_seeded(demo):
    print(
        "\n".join(line for line in demo.splitlines() if "Outcomes'" in line or "Learning" in line)
    )
    assert "Outcomes' progress:" in demo
    assert "Learning log:" in demo


def test_outcomes_move_over_eighteen_months(demo):
    today = timezone.localdate()
    with_outcomes = Outcome.objects.values("person_id").distinct().count()
    moving = OutcomeProgress.objects.values("outcome__person_id").distinct().count()
    assert moving >= 0.7 * with_outcomes
    days = OutcomeProgress.objects.values_list("recorded_on", flat=True)
    assert max(days) <= today
    assert min(days) <= today - dt.timedelta(days=365)
    for progress in OutcomeProgress.objects.select_related("outcome"):
        assert progress.recorded_on >= timezone.localtime(progress.outcome.created_at).date()
        assert progress.evidence.strip() and "{" not in progress.evidence
    latest = latest_progress(Outcome.objects.all())
    steps = Counter(progress.status for progress in latest.values())
    assert all(steps[status] > 0 for status in Progress.values), steps


def test_achieved_outcomes_end_achieved_with_their_actions_done(demo):
    # Planning's demo already marks some outcomes achieved (more than the 25 aimed for), so the
    # progress adds none of its own: it tells how those got there.
    achieved = Outcome.objects.filter(achieved_on__isnull=False).prefetch_related("actions")
    assert len(achieved) >= 20
    latest = latest_progress(achieved)
    for outcome in achieved:
        assert all(action.done_on for action in outcome.actions.all()), (
            outcome.text,
            outcome.achieved_on,
            [(a.what, a.by_when, a.done_on) for a in outcome.actions.all()],
            list(
                outcome.progress.values_list(
                    "status", "recorded_on", "review_id", "recorded_by__email"
                )
            ),
        )
        if outcome.pk in latest:
            assert latest[outcome.pk].status == Progress.ACHIEVED
            assert latest[outcome.pk].recorded_on == outcome.achieved_on


def test_dees_outcomes_all_move(demo):
    dee = Person.objects.get(user__email="dee.okafor@example.org")
    outcomes = Outcome.objects.filter(person=dee)
    latest = latest_progress(outcomes)
    assert outcomes.count() >= 2 and set(latest) == {o.pk for o in outcomes}
    assert all(progress.status != Progress.NOT_STARTED for progress in latest.values())
    assert LearningLogEntry.objects.filter(person=dee, outcome__isnull=False).exists()


def test_a_learning_log_of_about_80_entries(demo):
    today = timezone.localdate()
    entries = list(LearningLogEntry.objects.select_related("outcome"))
    roles = set(LearningLogEntry.objects.values_list("recorded_by__role", flat=True))
    assert 65 <= len(entries) <= 100
    assert len({entry.person_id for entry in entries}) >= 12
    assert roles == {"support_worker", "coordinator"}
    for entry in entries:
        assert entry.happened_on <= today
        assert entry.what_worked or entry.what_did_not
        assert entry.outcome is None or entry.outcome.person_id == entry.person_id
        assert "{" not in entry.activity + entry.what_worked + entry.what_did_not
    assert sum(1 for entry in entries if entry.what_did_not) >= 20
