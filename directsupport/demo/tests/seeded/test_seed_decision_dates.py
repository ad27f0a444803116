"""The demo's decision log dates each decision taken elsewhere on the day the story took it
(an ISF agreement approved in May, a Plan Book signed in the summer), not the day the demo was
loaded, so the log and the dashboard's decisions chart tell the programme's history."""

from __future__ import annotations

from directsupport.accounts.models import Organisation
from directsupport.coproduction.decisions.backfill import past_decisions
from directsupport.coproduction.models import Decision, Source


def test_each_decision_from_elsewhere_carries_its_sources_date(demo):
    provider = Organisation.objects.get(name="Willowbrook Support")
    taken = {decision.source_key: decision.decided_on for decision in past_decisions(provider)}
    logged = dict(
        Decision.objects.exclude(source=Source.RECORDED).values_list("source_key", "decided_on")
    )

    assert taken and set(taken) <= set(logged)
    assert {key: logged[key] for key in taken} == taken
    assert len({day.year * 12 + day.month for day in taken.values()}) >= 4
