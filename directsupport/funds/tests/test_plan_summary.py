"""The plan summary: what the council reads about a person instead of their Plan Book.

Martin (commissioner of Hollowfield, which funds Dee) reads Dee's money always, and her
outcomes and Perfect Week only once Dee agrees to share them, with her sister Ngozi named as
"my sister". Nadia's council (Eastmere) does not fund Dee: 404. So for outsiders, support
workers and Dee's circle. Managers and coordinators may check what the council reads.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.council_sharing import record_council_sharing
from directsupport.people.models import DecidedBy
from directsupport.planbook.models import PlanBookStatus
from directsupport.planbook.tests.plan_book_support import add_outcome, version_at
from directsupport.week.models import Company, Week, WeekEntry, WeekKind

pytestmark = pytest.mark.django_db

ALLOWED = ["commissioner", "coordinator", "manager"]
NOT_FOUND = [
    "other_commissioner",
    "outsider",
    "worker",
    "finance",
    "market_shaper",
    "sister_user",
    "person_user",
    "supplier",
    "expert",
]


def summary_url(person) -> str:
    return reverse("funds:plan_summary", kwargs={"pk": person.pk})


@pytest.fixture
def persona(request):
    return request.getfixturevalue


@pytest.fixture
def published(dee, sister, coordinator, dee_fund, allocate):
    """Dee's published Plan Book: an outcome naming Ngozi, and a Perfect Week with her."""
    outcome = add_outcome(dee, "Cook Sunday lunch for Ngozi Okafor")
    outcome.actions.update(who="Ngozi")
    week = Week.objects.create(person=dee, kind=WeekKind.PERFECT)
    WeekEntry.objects.create(
        week=week,
        weekday=5,
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        what="Swimming with Ngozi",
        place="Northfield Leisure Centre",
        company=Company.CIRCLE,
        company_member=sister,
    )
    allocate(dee_fund, 260_000)
    return version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)


def _share(dee, coordinator, *shares: str) -> None:
    record_council_sharing(
        actor=coordinator, person=dee, shares=set(shares), decided_by=DecidedBy.PERSON
    )


@pytest.mark.parametrize("name", ALLOWED)
def test_the_funding_councils_commissioner_and_the_providers_editors_read_it(
    name, persona, client_for, dee, published
):
    response = client_for(persona(name)).get(summary_url(dee))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dee's plan summary" in page
    assert "£31,200.00 a year" in page  # the ISF budget
    assert "£2,600.00" in page  # received from the council


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_finds_no_summary(name, persona, client_for, dee, published):
    response = client_for(persona(name)).get(summary_url(dee))

    assert response.status_code == 404
    assert b"plan summary" not in response.content
    assert AuditEvent.objects.filter(action=Action.DENIED, person_id=dee.pk).exists()


def test_reading_it_is_audited_as_a_disclosure_to_the_council(
    client_for, commissioner, dee, published
):
    client_for(commissioner).get(summary_url(dee))

    assert AuditEvent.objects.filter(
        action=Action.VIEW, actor=commissioner, person_id=dee.pk, summary="Plan summary"
    ).exists()


def test_by_default_the_council_reads_only_the_money(client_for, commissioner, dee, published):
    page = client_for(commissioner).get(summary_url(dee)).content.decode()

    assert page.count("has not chosen to share this with the council") == 2
    assert "Cook Sunday lunch" not in page
    assert "Swimming" not in page
    assert "Ngozi" not in page


def test_shared_outcomes_and_week_name_the_sister_by_relationship(
    client_for, commissioner, coordinator, dee, published
):
    _share(dee, coordinator, "outcomes", "perfect_week")

    page = client_for(commissioner).get(summary_url(dee)).content.decode()

    assert "Cook Sunday lunch for my sister" in page
    assert "Find a swimming buddy (my sister)" in page
    assert "Swimming with my sister" in page
    assert "My sister" in page  # who with
    assert "Northfield Leisure Centre" in page
    assert "Ngozi" not in page


def test_sharing_only_the_outcomes_keeps_the_week_back(
    client_for, commissioner, coordinator, dee, published
):
    _share(dee, coordinator, "outcomes")

    page = client_for(commissioner).get(summary_url(dee)).content.decode()

    assert "Cook Sunday lunch for my sister" in page
    assert "Swimming" not in page


def test_a_draft_or_shared_version_never_reaches_the_council(
    client_for, commissioner, coordinator, dee, dee_fund
):
    add_outcome(dee, "Learn to drive")
    version_at(dee, PlanBookStatus.AGREED, by=coordinator)
    _share(dee, coordinator, "outcomes")

    page = client_for(commissioner).get(summary_url(dee)).content.decode()

    assert "Learn to drive" not in page
    assert "has not been published yet" in page


FULL_PLAN_PAGES = [
    "planbook:plan_book",
    "planning:board",
    "planning:tools",
    "people:circle",
    "week:perfect_week",
]


@pytest.mark.parametrize("url_name", FULL_PLAN_PAGES)
def test_commissioners_find_none_of_the_full_plan(
    url_name, client_for, commissioner, dee, published
):
    response = client_for(commissioner).get(reverse(url_name, kwargs={"pk": dee.pk}))

    assert response.status_code == 404


@pytest.mark.parametrize("url_name", ["plan_book_version", "plan_book_pdf", "plan_book_easy_read"])
def test_commissioners_find_no_published_version_or_its_pdf(
    url_name, client_for, commissioner, dee, published
):
    url = reverse(f"planbook:{url_name}", kwargs={"pk": dee.pk, "number": published.number})

    assert client_for(commissioner).get(url).status_code == 404


def test_commissioners_find_no_needs_page(client_for, commissioner, dee, published):
    response = client_for(commissioner).get(reverse("market:support", kwargs={"pk": dee.pk}))

    assert response.status_code == 404


def test_the_person_page_shows_a_commissioner_only_what_access_allows(
    client_for, commissioner, coordinator, dee, sister, published
):
    dee.address_line_1, dee.postcode = "12 Elm Road", "HF1 2AB"
    dee.date_of_birth = dt.date(1990, 3, 14)
    dee.save()
    dee.key_dates.create(label="My sister Ngozi's birthday", date=dt.date(1988, 5, 2))

    page = client_for(commissioner).get(reverse("people:detail", kwargs={"pk": dee.pk}))
    text = page.content.decode()

    assert page.status_code == 200
    for secret in ("12 Elm Road", "HF1 2AB", "14 March 1990", "Ngozi", "Key dates"):
        assert secret not in text, secret
    assert "How to communicate with Dee" not in text
    assert "Sam" not in text  # the support team
    assert reverse("funds:plan_summary", kwargs={"pk": dee.pk}) in text  # the tab
    assert reverse("planbook:plan_book", kwargs={"pk": dee.pk}) not in text

    _share(dee, coordinator, "communication")
    text = client_for(commissioner).get(reverse("people:detail", kwargs={"pk": dee.pk})).content
    assert b"How to communicate with Dee" in text
    assert b"12 Elm Road" not in text


def test_the_coordinator_still_reads_the_whole_record(client_for, coordinator, dee):
    dee.address_line_1, dee.date_of_birth = "12 Elm Road", dt.date(1990, 3, 14)
    dee.save()

    text = client_for(coordinator).get(reverse("people:detail", kwargs={"pk": dee.pk})).content

    assert b"12 Elm Road" in text
    assert b"14 March 1990" in text


def test_the_council_reads_that_a_representative_agreed_but_not_who_or_why(
    client_for, commissioner, finance, dee, dee_fund
):
    agreement = dee_fund.agreements.get()
    agreement.agreed_by = "representative"
    agreement.representative_name = "Ngozi Okafor"
    agreement.representative_reason = "Dee could not weigh up the terms on the day."
    agreement.agreed_at = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)
    agreement.save()
    url = reverse("funds:agreement", kwargs={"pk": dee.pk})

    council = client_for(commissioner).get(url).content.decode()
    provider = client_for(finance).get(url).content.decode()

    assert "By a representative for Dee" in council
    assert "Ngozi" not in council
    assert "could not weigh up" not in council
    assert "By Ngozi Okafor, as representative for Dee" in provider
