"""The panels on a person's pages that later apps fill (people/person_panels.py): each slot's
panels in the order the pages showed them when they loaded each app's tags, and a slot the
templates name wrongly is an error, not a page with something silently missing."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError

from directsupport.lib.page_parts import parts_in
from directsupport.people.person_panels import ABOUT_ACTIONS, MONEY_AND_SUPPORT, WAITING_FOR_ME


def test_each_slot_has_its_panels_in_their_order():
    slots = (WAITING_FOR_ME, ABOUT_ACTIONS, MONEY_AND_SUPPORT)
    assert {slot: [part.name for part in parts_in(slot)] for slot in slots} == {
        "people.waiting_for_me": [
            "coproduction.my_review_invitations",
            "planning.my_planning",
            "planbook.my_plan_book",
        ],
        "people.about_actions": ["funds.record_support_link"],
        "people.money_and_support": ["funds.my_money", "market.my_support"],
    }


def test_a_slot_the_person_page_does_not_have_is_an_error():
    template = Template('{% load person_page %}{% person_panels "my_odds_and_ends" person %}')
    with pytest.raises(TemplateSyntaxError, match="not one of"):
        template.render(Context({"person": None}))
