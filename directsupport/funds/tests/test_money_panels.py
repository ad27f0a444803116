"""The person's own "My money" panel, the "Record support given" link (panels funds puts on the
person's page, person_panels.py), and the money tabs (shown to money readers only)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from directsupport.funds.models import Agreement, AgreementStatus

pytestmark = pytest.mark.django_db


# The slots funds fills (with market's "My support", shown here to nobody: Dee has no needs).
MY_MONEY = '{% person_panels "money_and_support" person %}'
RECORD_SUPPORT = '{% person_panels "about_actions" person %}'


def render(tag: str, user, person) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load person_page money_tabs %}" + tag)
    return template.render(Context({"request": request, "person": person})).strip()


def test_the_person_sees_their_money_and_an_agreement_waiting(person_user, dee, dee_fund, allocate):
    allocate(dee_fund, 50_000)
    Agreement.objects.create(
        fund=dee_fund,
        version=2,
        status=AgreementStatus.DRAFT,
        annual_budget_pence=3_120_000,
        starts_on=dee_fund.agreements.get(version=1).starts_on,
        ends_on=dee_fund.agreements.get(version=1).ends_on,
        first_review_on=dee_fund.agreements.get(version=1).first_review_on,
    )
    panel = render(MY_MONEY, person_user, dee)
    assert "You have £500.00 to spend now." in panel
    assert "Your money agreement is ready. Is it right?" in panel
    assert f"/funds/people/{dee.pk}/agreement/2/answer/" in panel
    assert "Your money this month" in panel


@pytest.mark.parametrize("name", ["finance", "sister_user", "worker"])
def test_nobody_else_gets_the_my_money_panel(name, request, dee, dee_fund):
    assert render(MY_MONEY, request.getfixturevalue(name), dee) == ""


@pytest.mark.parametrize(
    ("name", "shown"),
    [("worker", True), ("coordinator", True), ("person_user", False), ("commissioner", False)],
)
def test_the_record_support_link_is_for_session_recorders(name, shown, request, dee, dee_fund):
    link = render(RECORD_SUPPORT, request.getfixturevalue(name), dee)
    assert ("Record support given" in link) is shown


@pytest.mark.parametrize(
    ("name", "shown"),
    [("finance", True), ("person_user", True), ("commissioner", True), ("worker", False)],
)
def test_money_tabs_are_for_money_readers_only(name, shown, request, dee, dee_fund):
    tabs = render("{% money_tabs person %}", request.getfixturevalue(name), dee)
    assert ("Statements" in tabs) is shown


def test_a_support_worker_records_a_session_without_money_tabs(client_for, worker, dee_fund):
    page = client_for(worker).get(f"/funds/people/{dee_fund.person_id}/hours/new/").content
    assert b"Record a support session" in page
    assert b"/ledger/" not in page


@pytest.mark.parametrize("page", ["people:detail", "people:easy_read"])
def test_the_person_finds_their_money_on_their_own_page_in_either_format(
    page, client_for, person_user, dee, dee_fund, allocate
):
    allocate(dee_fund, 50_000)
    own = client_for(person_user).get(reverse(page, args=[dee.pk])).text
    assert "You have £500.00 to spend now." in own


def test_staff_reading_the_persons_page_see_no_my_money_panel(
    client_for, coordinator, dee, dee_fund
):
    assert (
        "to spend now"
        not in client_for(coordinator).get(reverse("people:detail", args=[dee.pk])).text
    )
