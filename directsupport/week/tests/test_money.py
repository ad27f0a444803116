"""Money shown as £ with two decimals and typed as pounds and pence; hours shown in words."""

from __future__ import annotations

import pytest
from django.template import engines
from hypothesis import given
from hypothesis import strategies as st

from directsupport.lib.money import format_pence, parse_pounds
from directsupport.lib.templatetags.money import hours, money


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (3214, "£32.14"),
        (123456, "£1,234.56"),
        (100000000, "£1,000,000.00"),
        (-350, "\N{MINUS SIGN}£3.50"),
    ],
)
def test_format_pence(pence, shown):
    assert format_pence(pence) == shown


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("32.14", 3214),
        ("£32.14", 3214),
        ("32", 3200),
        (" 32.1 ", 3210),
        ("1,250.00", 125000),
        (".50", 50),
        ("0", 0),
    ],
)
def test_parse_pounds(typed, pence):
    assert parse_pounds(typed) == pence


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter an amount in pounds and pence, like 32.14"),
        ("£", "Enter an amount in pounds and pence, like 32.14"),
        ("thirty", "Enter an amount in pounds and pence, like 32.14"),
        ("1e3", "Enter an amount in pounds and pence, like 32.14"),
        ("NaN", "Enter an amount in pounds and pence, like 32.14"),
        ("1,23", "Enter an amount in pounds and pence, like 32.14"),
        ("9" * 40, "Enter an amount in pounds and pence, like 32.14"),
        ("32.145", "no more than 2 decimal places"),
        ("-3.50", "Enter an amount of £0.00 or more"),
    ],
)
def test_parse_pounds_refuses_what_is_not_money(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_pounds(typed)


def test_parse_pounds_refuses_more_than_the_maximum():
    assert parse_pounds("500", max_pence=50000) == 50000
    with pytest.raises(ValueError, match=r"no more than £500\.00"):
        parse_pounds("500.01", max_pence=50000)


@given(st.integers(0, 10**12))
def test_format_then_parse_round_trips(pence):
    assert parse_pounds(format_pence(pence)) == pence


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (750, "12 hours 30 minutes"),
        (60, "1 hour"),
        (45, "45 minutes"),
        (61, "1 hour 1 minute"),
        (0, "0 hours"),
        (None, ""),
    ],
)
def test_hours(minutes, words):
    assert hours(minutes) == words


def test_filters_in_a_template():
    template = engines["django"].from_string("{% load money %}{{ p|money }} / {{ m|hours }}")
    assert template.render({"p": 3214, "m": 90}) == "£32.14 / 1 hour 30 minutes"
    assert money(None) == ""
