"""The rate card pages: who may read and make cards, the new-card form, and that a card is
never changed (a change is a new card from a later date, picked by date)."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.week.models import Rate, RateCard
from directsupport.week.pricing import BANDS, HOURLY_KINDS, current_rate_card
from directsupport.week.rate_card_forms import rate_field_name
from tests.clock import on_day

READERS = ["coordinator", "market_shaper", "manager", "finance"]
CHANGERS = ["manager", "finance"]
NOT_FOUND = [
    "worker",
    "other_worker",
    "expert",
    "person_user",
    "sister_user",
    "cousin_user",
    "neighbour_user",
    "commissioner",
    "other_commissioner",
    "supplier",
]
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _on_today():
    """Every test here runs on TODAY, whatever the real day."""
    with on_day(TODAY):
        yield


def form_data(starts: dt.date, **changes: str) -> dict[str, str]:
    data = {
        "effective_from": starts.isoformat(),
        "day_starts": "07:00",
        "evening_starts": "19:00",
        "night_starts": "22:00",
        "sleep_in": "£99.50",
    }
    for kind in HOURLY_KINDS:
        for band in BANDS:
            data[rate_field_name(kind, band)] = "33.40"
    data.update(changes)
    return data


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_readers_see_the_current_card_as_a_table(name, persona, client_for, rate_card):
    response = client_for(persona(name)).get("/week/rate-card/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "In use since 1 April 2026" in page
    assert '<th scope="row">Personal care</th>' in page
    assert "£32.00" in page and "£48.00" in page  # day and bank holiday
    assert "£95.00 for each night" in page
    assert "07:00 to 19:00" in page
    assert ("Make a new rate card" in page) == (name in CHANGERS)


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, persona, client_for, rate_card):
    client = client_for(persona(name))
    assert client.get("/week/rate-card/").status_code == 404
    assert client.get(f"/week/rate-card/{rate_card.pk}/").status_code == 404
    assert client.get("/week/rate-card/new/").status_code == 404


@pytest.mark.parametrize("name", READERS)
def test_readers_open_one_card(name, persona, client_for, rate_card):
    response = client_for(persona(name)).get(f"/week/rate-card/{rate_card.pk}/")
    assert response.status_code == 200
    assert "Rate card from 1 April 2026" in response.content.decode()


def test_another_providers_staff_do_not_see_our_cards(client_for, outsider, rate_card):
    client = client_for(outsider)
    assert client.get(f"/week/rate-card/{rate_card.pk}/").status_code == 404
    page = client.get("/week/rate-card/").content.decode()
    assert "There is no rate card in use yet" in page


def test_earlier_and_coming_cards_are_listed_with_their_dates(client_for, manager, rate_card):
    later = RateCard.objects.create(
        organisation=rate_card.organisation,
        effective_from=TODAY + dt.timedelta(days=30),
        sleep_in_pence=9900,
    )
    page = client_for(manager).get("/week/rate-card/").content.decode()
    assert "Used from" not in page  # the April card is still in use until the later one starts
    assert f"Starts on {later.effective_from:%-d %B %Y}" in page
    assert f"/week/rate-card/{later.pk}/" in page


@pytest.mark.parametrize("name", ["coordinator", "market_shaper"])
def test_readers_who_may_not_change_are_refused_the_new_card_form(
    name, persona, client_for, rate_card
):
    client = client_for(persona(name))
    assert client.get("/week/rate-card/new/").status_code == 403
    assert client.post("/week/rate-card/new/", form_data(TODAY)).status_code == 403
    assert RateCard.objects.count() == 1


# --- Making a new card ------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGERS)
def test_the_form_starts_from_the_current_card(name, persona, client_for, rate_card):
    response = client_for(persona(name)).get("/week/rate-card/new/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="95.00"' in page  # sleep-in
    assert 'value="48.00"' in page  # bank holiday rates
    assert f'value="{TODAY.isoformat()}"' in page


@pytest.mark.parametrize("name", CHANGERS)
def test_a_new_card_from_a_later_date_is_saved_and_audited(name, persona, client_for, rate_card):
    user = persona(name)
    starts = TODAY + dt.timedelta(days=7)
    response = client_for(user).post("/week/rate-card/new/", form_data(starts))
    card = RateCard.objects.get(effective_from=starts)
    assert response.status_code == 302
    assert response["Location"] == f"/week/rate-card/{card.pk}/"
    assert card.sleep_in_pence == 9950
    assert card.created_by == user
    assert card.rates.count() == len(HOURLY_KINDS) * len(BANDS)
    assert {r.pence_per_hour for r in card.rates.all()} == {3340}
    audit = AuditEvent.objects.get(action=Action.CREATE, subject_type="week.ratecard")
    assert audit.actor == user and audit.person_id is None
    assert audit.changes["sleep_in"] == {"from": None, "to": "£99.50"}
    assert audit.changes["personal_care day"] == {"from": None, "to": "£33.40"}
    # The old card is unchanged and still prices today; the new one from its date.
    assert rate_card.rates.count() == 30
    assert not rate_card.rates.filter(pence_per_hour=3340).exists()
    assert current_rate_card(rate_card.organisation, TODAY) == rate_card
    assert current_rate_card(rate_card.organisation, starts) == card


def test_the_first_card_may_start_in_the_past(client_for, finance):
    starts = TODAY - dt.timedelta(days=100)
    response = client_for(finance).post("/week/rate-card/new/", form_data(starts))
    assert response.status_code == 302
    assert RateCard.objects.get().effective_from == starts


def _refused(client, data: dict[str, str], message: str) -> None:
    cards = RateCard.objects.count()
    rates = Rate.objects.count()
    audits = AuditEvent.objects.filter(action=Action.CREATE).count()
    response = client.post("/week/rate-card/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert (RateCard.objects.count(), Rate.objects.count()) == (cards, rates)
    assert AuditEvent.objects.filter(action=Action.CREATE).count() == audits


LATER = TODAY + dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"rate_travel_weekend": "thirty"},
            "The weekend rate for travel support: enter an amount in pounds and pence, like 32.14",
        ),
        (
            {"rate_domestic_day": "32.145"},
            "no more than 2 decimal places",
        ),
        ({"rate_personal_care_night": "-3.00"}, "enter an amount of £0.00 or more"),
        ({"rate_personal_care_night": "0"}, "enter more than £0.00"),
        ({"rate_personal_care_evening": "3340"}, "enter an amount no more than £250.00"),
        ({"sleep_in": ""}, "Enter the sleep-in amount in pounds and pence, like 32.14"),
        ({"sleep_in": "100000"}, "no more than £1,000.00"),
        (
            {"rate_waking_night_bank_holiday": ""},
            "Enter the bank holiday rate for waking night in pounds and pence",
        ),
        ({"evening_starts": "23:00"}, "Daytime, evening and night must start in that order"),
        ({"night_starts": "25:00"}, "Enter when night starts as hours and minutes"),
        ({"effective_from": "31/02/2027"}, "Enter a real date, for example 1/4/2026."),
        ({"effective_from": "2099-01-01"}, "Check the year"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(
    changes, message, client_for, manager, rate_card
):
    data = form_data(LATER, **changes)
    _refused(client_for(manager), data, message)


def test_what_was_typed_is_kept_when_refused(client_for, manager, rate_card):
    data = form_data(LATER, rate_travel_weekend="thirty", rate_travel_day="41.25")
    page = client_for(manager).post("/week/rate-card/new/", data).content.decode()
    assert 'value="thirty"' in page and 'value="41.25"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_rate_travel_weekend_error"' in page


def test_a_new_card_may_not_start_in_the_past_once_a_card_exists(client_for, manager, rate_card):
    _refused(
        client_for(manager),
        form_data(TODAY - dt.timedelta(days=1)),
        "A new rate card starts today or later",
    )


def test_one_card_a_day(client_for, manager, rate_card):
    client = client_for(manager)
    assert client.post("/week/rate-card/new/", form_data(LATER)).status_code == 302
    _refused(
        client,
        form_data(LATER),
        f"There is already a rate card from {LATER:%-d %B %Y}. Choose another date",
    )


def test_typed_html_is_shown_as_text(client_for, manager, rate_card):
    data = form_data(LATER, rate_travel_day="<b>1</b>")
    page = client_for(manager).post("/week/rate-card/new/", data).content.decode()
    assert "<b>1</b>" not in page and "&lt;b&gt;1&lt;/b&gt;" in page
