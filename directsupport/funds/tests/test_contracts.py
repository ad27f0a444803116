"""Block contracts: who may see and make them, the new-contract form (hours typed as people say
them), changing who is covered, and the programme page's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.funds.contracts.forms import parse_hours
from directsupport.funds.contracts.programme import IsfStatus, programme_figures
from directsupport.funds.contracts.services import (
    decide_split,
    propose_split,
    submit_split,
    update_covered,
)
from directsupport.funds.contracts.split_preview import hours_words
from directsupport.funds.models import (
    Agreement,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    SplitMethod,
)

from .conftest import START

CHANGERS = ["finance", "manager"]
NOT_FOUND = [
    "other_commissioner",
    "supplier",
    "outsider",
    "person_user",
    "worker",
    "sister_user",
    "coordinator",
]


def new_contract_data(council, dee, **changes: str) -> dict[str, str]:
    data = {
        "council": str(council.pk),
        "reference": "LBW-LD-018",
        "title": "Short breaks",
        "annual_value": "1,800,000.00",
        "starts_on": "1/4/2026",
        "ends_on": "31/3/2027",
        f"cover_{dee.pk}": "on",
        f"hours_{dee.pk}": "12:30",
    }
    data.update(changes)
    return data


# --- Hours as people type them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("12.5", 750), ("12:30", 750), ("12", 720), ("0", 0), (" 7.25 ", 435), ("40h", 2400)],
)
def test_hours_are_read_as_typed(typed, minutes):
    assert parse_hours(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("twelve", "as a number"),
        ("12.33", "to the minute"),
        ("200", "168 hours"),
        ("1:75", "as a number"),
    ],
)
def test_hours_that_cannot_be_read_say_why(typed, words):
    with pytest.raises(ValueError, match=words):
        parse_hours(typed)


# --- Who may see and make contracts ------------------------------------------------------------


@pytest.mark.parametrize("name", [*CHANGERS, "commissioner"])
def test_the_provider_and_the_council_read_the_contract(
    name, contract_persona, client_for, block_contract
):
    client = client_for(contract_persona(name))
    listing = client.get("/funds/contracts/").content.decode()
    assert "LBW-LD-017" in listing
    page = client.get(f"/funds/contracts/{block_contract.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Dee Okafor" in body and "12 hours a week" in body and "20 hours a week" in body
    assert ("Split into ISFs" in body) == (name in CHANGERS)
    assert AuditEvent.objects.filter(
        action=Action.VIEW, subject_type="funds.blockcontract", actor=contract_persona(name)
    ).exists()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found_for_contracts(
    name, contract_persona, client_for, block_contract, council, dee
):
    client = client_for(contract_persona(name))
    assert client.get(f"/funds/contracts/{block_contract.pk}/").status_code == 404
    assert client.get(f"/funds/contracts/{block_contract.pk}/people/").status_code == 404
    listing = client.get("/funds/contracts/")
    response = client.post("/funds/contracts/new/", new_contract_data(council, dee))
    if name == "other_commissioner":  # their own council's contracts (none), and may not add
        assert listing.status_code == 200 and "LBW-LD-017" not in listing.content.decode()
        assert response.status_code == 403
    else:
        assert listing.status_code == 404
        assert response.status_code == 404
    assert BlockContract.objects.count() == 1


def test_commissioners_may_not_add_or_change_contracts(
    client_for, commissioner, block_contract, council, dee
):
    client = client_for(commissioner)
    assert client.get("/funds/contracts/new/").status_code == 403
    assert client.post("/funds/contracts/new/", new_contract_data(council, dee)).status_code == 403
    assert client.get(f"/funds/contracts/{block_contract.pk}/people/").status_code == 403
    assert BlockContract.objects.count() == 1


@pytest.mark.parametrize("name", CHANGERS)
def test_a_new_contract_is_saved_with_its_people_and_audited(
    name, contract_persona, client_for, council, dee, ben
):
    user = contract_persona(name)
    client = client_for(user)
    form = client.get("/funds/contracts/new/").content.decode()
    assert "Ben Adams" in form and "Hollowfield Council" in form
    response = client.post("/funds/contracts/new/", new_contract_data(council, dee))
    contract = BlockContract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/funds/contracts/{contract.pk}/"
    assert contract.annual_value_pence == 180_000_000
    assert (contract.starts_on, contract.ends_on) == (START, dt.date(2027, 3, 31))
    assert list(contract.covered.values_list("person_id", "assessed_weekly_minutes")) == [
        (dee.pk, 750)
    ]
    assert (
        AuditEvent.objects.get(action=Action.CREATE, subject_type="funds.blockcontract").actor
        == user
    )
    assert AuditEvent.objects.filter(
        action=Action.CREATE, subject_type="funds.coveredperson", person_id=dee.pk
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"annual_value": "lots"}, "The annual value: enter an amount in pounds and pence"),
        ({"ends_on": "1/3/2026"}, "The contract must end after the day it starts"),
        ({"reference": ""}, "Enter the council&#x27;s reference"),
        ({"hours_DEE": ""}, "Enter the assessed hours a week for Dee Okafor"),
        ({"hours_DEE": "12.33"}, "Dee Okafor: Give hours to the minute"),
        ({"council": "OTHER"}, "Dee Okafor is not funded by Eastmere Council"),
    ],
)
def test_bad_input_on_a_new_contract_is_explained_and_kept(
    client_for, finance, council, other_council, dee, changes, message
):
    data = new_contract_data(council, dee)
    for key, value in changes.items():
        key = key.replace("DEE", str(dee.pk))
        data[key] = str(other_council.pk) if value == "OTHER" else value
    response = client_for(finance).post("/funds/contracts/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Short breaks"' in body  # what was typed is kept
    assert not BlockContract.objects.exists()


def test_a_reference_already_used_is_refused(client_for, finance, council, dee, block_contract):
    data = new_contract_data(council, dee, reference="lbw-ld-017")
    body = client_for(finance).post("/funds/contracts/new/", data).content.decode()
    assert "There is already a contract" in body
    assert BlockContract.objects.count() == 1


# --- Changing who is covered -------------------------------------------------------------------


def test_changing_who_is_covered_removes_drafts_and_is_audited(
    client_for, finance, block_contract, dee, ben
):
    propose_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance)
    url = f"/funds/contracts/{block_contract.pk}/people/"
    client = client_for(finance)
    assert 'value="12:00"' in client.get(url).content.decode()
    response = client.post(url, {f"cover_{dee.pk}": "on", f"hours_{dee.pk}": "15.5"})
    assert response.status_code == 302
    assert list(block_contract.covered.values_list("person_id", "assessed_weekly_minutes")) == [
        (dee.pk, 930)
    ]
    assert not ContractSplit.objects.exists()
    audited = AuditEvent.objects.filter(actor=finance)
    assert audited.filter(action=Action.DELETE, person_id=ben.pk).exists()
    assert audited.filter(action=Action.UPDATE, person_id=dee.pk).exists()
    assert audited.filter(action=Action.DELETE, subject_type="funds.contractsplit").exists()


def test_who_is_covered_cannot_change_once_a_split_is_sent(
    client_for, finance, block_contract, dee
):
    split = propose_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance)
    submit_split(split=split, actor=finance)
    url = f"/funds/contracts/{block_contract.pk}/people/"
    response = client_for(finance).post(url, {f"cover_{dee.pk}": "on", f"hours_{dee.pk}": "1"})
    assert response.status_code == 409
    assert "cannot change now" in response.content.decode()
    assert CoveredPerson.objects.count() == 2
    with pytest.raises(ValidationError):
        update_covered(contract=block_contract, covered=[(dee, 60)], actor=finance)


# --- The programme ----------------------------------------------------------------------------


def _approve(block_contract, finance, commissioner) -> None:
    split = propose_split(contract=block_contract, method=SplitMethod.ASSESSED_HOURS, actor=finance)
    submit_split(split=split, actor=finance)
    decide_split(split=split, approve=True, note="", actor=commissioner)


def test_the_programme_counts_live_isfs_and_their_budget(
    block_contract, finance, commissioner, dee, ben, provider, council
):
    _approve(block_contract, finance, commissioner)
    Agreement.objects.filter(fund__person=dee).update(status=AgreementStatus.APPROVED)
    Agreement.objects.filter(fund__person=ben).update(status=AgreementStatus.AGREED)
    today = dt.date(2026, 6, 1)
    for figures in (
        programme_figures(provider=provider, today=today),
        programme_figures(council=council, today=today),
    ):
        assert (figures.live_count, figures.people_count) == (1, 2)
        assert figures.live_budget_pence == 3_750_000
        statuses = {row.name: row.status for row in figures.people}
        assert statuses == {
            "Dee Okafor": IsfStatus.LIVE,
            "Ben Adams": IsfStatus.WAITING_FOR_COUNCIL,
        }
        assert figures.contracts_value_pence == 10_000_000
    before_start = programme_figures(provider=provider, today=dt.date(2026, 3, 1))
    assert before_start.live_count == 0


@pytest.mark.parametrize("name", [*CHANGERS, "coordinator", "commissioner"])
def test_the_programme_page_says_how_many_are_live(
    name, contract_persona, client_for, block_contract, finance, commissioner, dee
):
    _approve(block_contract, finance, commissioner)
    body = client_for(contract_persona(name)).get("/funds/").content.decode()
    assert "0 of 2 people are on live ISFs" in body
    assert "Agreement waiting for the person" in body
    # Each name opens the person's money.
    assert f'href="/funds/people/{dee.pk}/"' in body
    assert ("LBW-LD-017" in body) == (name != "coordinator")


@pytest.mark.parametrize("name", ["supplier", "person_user", "worker", "sister_user"])
def test_others_get_not_found_for_the_programme(name, contract_persona, client_for):
    assert client_for(contract_persona(name)).get("/funds/").status_code == 404


@pytest.mark.parametrize("name", ["other_commissioner", "outsider"])
def test_another_council_or_provider_sees_only_its_own_programme(
    name, contract_persona, client_for, block_contract
):
    response = client_for(contract_persona(name)).get("/funds/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "0 of 0 people" in body
    assert "Okafor" not in body and "LBW-LD-017" not in body


def test_the_programme_takes_the_same_queries_however_many_people(
    client_for, finance, provider, council, django_assert_max_num_queries, block_contract
):
    from tests.factories import PersonFactory

    client = client_for(finance)
    client.get("/funds/")  # warm the session and caches
    PersonFactory.create_batch(20, organisation=provider, funding_council=council)
    with django_assert_max_num_queries(12):
        response = client.get("/funds/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(2190, "36 hours 30 minutes a week"), (720, "12 hours a week"), (45, "45 minutes a week")],
)
def test_assessed_hours_are_said_as_the_project_says_hours(minutes, words):
    """Not "36:30 a week": the contract pages say hours as every other page does."""
    assert hours_words(minutes) == words
