"""Managers browse, filter and export their organisation's audit log, in plain words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from tests.factories import PersonFactory, UserFactory

LONDON = ZoneInfo("Europe/London")
NOT_MANAGERS = ["coordinator", "worker", "person_user", "commissioner", "supplier", "outsider"]


@pytest.fixture
def other_manager(other_provider) -> User:
    return UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="rita@othercare.example"
    )


def _event(actor: User, action: str = Action.VIEW, **fields) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.email,
        actor_role=actor.role,
        organisation=actor.organisation,
        action=action,
        **fields,
    )


def _at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=LONDON)


def _page(client, **params) -> str:
    response = client.get(reverse("audit:log"), params)
    assert response.status_code == 200
    return response.content.decode()


# ---- Who may look ---------------------------------------------------------------------------


def test_manager_sees_their_organisations_rows_in_plain_words(
    client_for, manager, coordinator, dee, other_manager
):
    _event(
        coordinator,
        person_id=dee.pk,
        summary="Person page",
        ip_address="198.51.100.7",
        path=f"/people/{dee.pk}/",
    )
    _event(other_manager, summary="Someone else's business")
    content = _page(client_for(manager))
    assert "Priya Shah (coordinator) looked at Dee Okafor&#x27;s person page" in content
    assert "198.51.100.7" in content
    assert f"/people/{dee.pk}/" in content
    assert "Someone else" not in content


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_audit_log_is_not_found_for_anyone_but_managers(client_for, request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(reverse("audit:log")).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404
    assert AuditEvent.objects.filter(
        actor=user, action=Action.DENIED, subject_type="audit.auditevent"
    ).exists()
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_another_organisations_manager_sees_none_of_our_rows(
    client_for, coordinator, dee, other_manager
):
    _event(coordinator, person_id=dee.pk, summary="Person page")
    client = client_for(other_manager)
    assert "Dee Okafor" not in _page(client)
    assert "Priya" not in _page(client)
    export = b"".join(client.get(reverse("audit:export")).streaming_content).decode()
    assert "priya@willowbrook.example" not in export


def test_newest_first(client_for, manager, coordinator, worker):
    _event(worker, summary="older", at=_at("2025-03-01"))
    _event(coordinator, summary="newer", at=_at("2025-03-02"))
    content = _page(client_for(manager))
    assert content.index("newer") < content.index("older")


def test_sign_ins_and_refusals_read_as_sentences(client_for, manager, coordinator):
    _event(coordinator, Action.SIGN_IN, summary="Password")
    _event(coordinator, Action.DENIED, subject_type="audit.auditevent", summary="Not a manager")
    content = _page(client_for(manager))
    assert "Priya Shah (coordinator) signed in (password)" in content
    assert "Priya Shah (coordinator) was refused access to the audit log (not a manager)" in content


# ---- Filters --------------------------------------------------------------------------------


def test_filter_by_who(client_for, manager, coordinator, worker):
    _event(coordinator, summary="by Priya")
    _event(worker, summary="by Sam")
    content = _page(client_for(manager), who="PRIYA@")
    assert "by Priya" in content
    assert "by Sam" not in content


def test_filter_by_person_name_or_number(client_for, manager, coordinator, dee, provider):
    other = PersonFactory.create(organisation=provider, first_name="Lena", last_name="Marsh")
    _event(coordinator, person_id=dee.pk, summary="Person page")
    _event(coordinator, person_id=other.pk, summary="Person page")
    client = client_for(manager)
    dee_row, lena_row = "Dee Okafor&#x27;s person page", "Lena Marsh&#x27;s person page"
    by_name = _page(client, person="dee okafor")
    assert dee_row in by_name
    assert lena_row not in by_name
    by_legal_name = _page(client, person="Adaeze")
    assert dee_row in by_legal_name
    by_number = _page(client, person=str(other.pk))
    assert lena_row in by_number
    assert dee_row not in by_number


def test_person_names_are_looked_up_only_among_the_managers_people(
    client_for, manager, coordinator, dee, other_provider
):
    """A name that only matches someone at another provider finds nothing here."""
    elsewhere = PersonFactory.create(organisation=other_provider, first_name="Dee", last_name="Far")
    _event(coordinator, person_id=elsewhere.pk, summary="Odd row")
    content = _page(client_for(manager), person="Far")
    assert "No records match" in content


def test_filter_by_action(client_for, manager, coordinator):
    _event(coordinator, Action.SIGN_IN, summary="Password")
    _event(coordinator, Action.EXPORT, summary="a list")
    content = _page(client_for(manager), action=Action.EXPORT)
    assert "exported a list" in content
    assert "signed in (password)" not in content


def test_filter_by_uk_dates_inclusive(client_for, manager, coordinator):
    _event(coordinator, summary="in February", at=_at("2025-02-28", hour=23))
    _event(coordinator, summary="first of March", at=_at("2025-03-01", hour=0))
    _event(coordinator, summary="second of March", at=_at("2025-03-02", hour=23))
    _event(coordinator, summary="third of March", at=_at("2025-03-03", hour=0))
    content = _page(client_for(manager), date_from="1/3/2025", date_to="02/03/2025")
    assert "first of March" in content
    assert "second of March" in content
    assert "in February" not in content
    assert "third of March" not in content


def test_to_date_before_from_date_is_explained_and_kept(client_for, manager, coordinator):
    _event(coordinator, summary="a row")
    content = _page(client_for(manager), date_from="10/3/2025", date_to="1/3/2025")
    assert (
        "The &#x27;To&#x27; date must be the same as or after the &#x27;From&#x27; date" in content
    )
    assert "<title>Error: " in content
    assert 'value="10/3/2025"' in content
    assert 'value="1/3/2025"' in content


def test_a_date_that_is_not_real_is_explained(client_for, manager):
    content = _page(client_for(manager), date_from="31/2/2025")
    assert "Enter a real date, like 27/3/2025." in content


def test_an_unknown_action_is_explained(client_for, manager):
    content = _page(client_for(manager), action="hack")
    assert "Select a valid choice" in content


def test_pages_have_a_constant_number_of_queries(
    client_for, manager, coordinator, worker, dee, provider, django_assert_num_queries
):
    client = client_for(manager)
    client.get(reverse("audit:log"))  # the session's first write is not the page's cost
    people = PersonFactory.create_batch(3, organisation=provider)
    for person in [dee, *people]:
        _event(coordinator, person_id=person.pk, summary="Person page")
    with django_assert_num_queries(6) as few:
        client.get(reverse("audit:log"))
    people = PersonFactory.create_batch(40, organisation=provider)
    for index, person in enumerate(people * 3):
        _event(worker if index % 2 else coordinator, person_id=person.pk, summary="Person page")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("audit:log"), {"page": 2})
    content = response.content.decode()
    assert re.search(
        r'aria-current="page"[^>]*><span class="visually-hidden">Page </span>2<', content
    )
    assert "page=3" in content


def test_pagination_keeps_the_filters(client_for, manager, coordinator):
    for _ in range(60):
        _event(coordinator, Action.SIGN_IN, summary="Password")
    content = _page(client_for(manager), action=Action.SIGN_IN)
    assert "action=sign_in&amp;page=2" in content


# ---- Export ---------------------------------------------------------------------------------


def _export(client, **params) -> list[list[str]]:
    response = client.get(reverse("audit:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_has_the_filtered_rows_and_is_itself_audited(
    client_for, manager, coordinator, worker, dee
):
    _event(coordinator, person_id=dee.pk, summary="Person page", ip_address="198.51.100.7")
    _event(worker, summary="by Sam")
    rows = _export(client_for(manager), who="priya")
    header, *body = rows
    assert header[:3] == ["When", "What happened", "Who (email)"]
    assert len(body) == 1
    assert body[0][1] == "Priya Shah (coordinator) looked at Dee Okafor's person page"
    assert body[0][2] == "priya@willowbrook.example"
    assert body[0][6] == "Dee Okafor"
    assert "198.51.100.7" in body[0]
    export = AuditEvent.objects.get(action=Action.EXPORT)
    assert export.actor == manager
    assert "Who: priya" in export.summary


def test_export_neutralises_spreadsheet_formulas(client_for, manager, coordinator):
    _event(coordinator, Action.SIGN_IN_FAILED, summary="=HYPERLINK(evil)")
    rows = _export(client_for(manager))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(evil)" in cells
    assert "=HYPERLINK(evil)" not in cells


def test_export_of_many_rows_reads_every_one(client_for, manager, coordinator, dee):
    for _ in range(1203):
        _event(coordinator, person_id=dee.pk, summary="Person page")
    rows = _export(client_for(manager))
    assert len(rows) == 1 + 1203
