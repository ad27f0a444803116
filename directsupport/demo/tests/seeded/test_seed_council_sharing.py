"""The demo's mix of what people share with Hollowfield council, and Martin's plan summaries."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.people.access import shared_with_council
from directsupport.people.models import CouncilSharingDecision, DecidedBy, Person
from directsupport.planbook.models import PlanBookStatus
from tests.personas import sign_in

MARTIN = "martin.hughes@hollowfield.gov.example"


def _published() -> list[Person]:
    return list(
        Person.objects.filter(plan_book_versions__status=PlanBookStatus.PUBLISHED).distinct()
    )


def test_some_people_share_more_with_the_council_and_some_the_minimum(demo):
    shares = [shared_with_council(person) for person in _published()]

    assert any({"outcomes", "perfect_week"} <= shared for shared in shares)
    assert any(shared == {"outcomes"} for shared in shares)
    assert sum(1 for shared in shares if not shared) >= 5
    dee = Person.objects.get(first_name="Adaeze")
    assert shared_with_council(dee) == {"outcomes", "perfect_week", "communication"}
    tariq = CouncilSharingDecision.objects.get(person__first_name="Tariq")
    assert tariq.decided_by == DecidedBy.REPRESENTATIVE


def test_martin_reads_dees_plan_summary_and_a_minimum_one(demo):
    client = sign_in(Client(), User.objects.get(email=MARTIN))
    dee = Person.objects.get(first_name="Adaeze")
    minimum = next(person for person in _published() if not shared_with_council(person))

    dees = client.get(reverse("funds:plan_summary", kwargs={"pk": dee.pk})).content.decode()
    other = client.get(reverse("funds:plan_summary", kwargs={"pk": minimum.pk})).content.decode()

    assert "What Dee wants to achieve" in dees
    assert "has not chosen to share this with the council" not in dees
    assert other.count("has not chosen to share this with the council") == 2
    assert "ISF budget" in other
