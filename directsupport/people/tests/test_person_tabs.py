"""The tabs above every page about a person: which tabs each role sees on Dee's pages, in which
order, with which words, and which tab is marked as the one being read.

The expected navs were recorded from the person page before its tabs moved into a registry that
each app fills (issue 10), so the move is checked to change nothing anyone sees; the one tab
added since is market's support page ("My support", "Dee's support"), for everyone who may see
the person's needs (market.access.can_see_needs), and funds' plan summary ("Plan summary"), which
commissioners read instead of the Plan Book and its managers and coordinators check; the copy of
the person's information (subject access) for those who answer requests, and keeping their records
(retention and erasure) for managers; and commissioning's "Buying Dee's support" ("My contracts"
for the person: her requests, contracts and pools) for the staff who commission, the person, her
circle and the council; and co-production's "How it's going for Dee" ("How it's going" for
the person: her reviews, feedback, outcomes' progress, learning log and the decisions about her)
for everyone who may see the person except the council.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import ResolverMatch

from directsupport.accounts.roles import Role
from directsupport.people import person_tabs
from directsupport.people.models import PreferredFormat
from directsupport.people.person_tabs import PersonTab, whose

pytestmark = pytest.mark.django_db

Tab = tuple[str, str, str]  # label, URL with {pk} for Dee's id, aria-current ("" when none)

ABOUT = ("About", "/people/{pk}/")
CIRCLE = ("Circle of support", "/people/{pk}/circle/")
BOARD = ("Planning Live", "/planning/people/{pk}/planning-live/")
TOOLS = ("Plans and tools", "/planning/people/{pk}/tools/")
PLAN_BOOK = ("Plan Book", "/planning/people/{pk}/plan-book/")
PLAN_SUMMARY = ("Plan summary", "/funds/people/{pk}/plan-summary/")
EASY_READ = ("Easy read", "/people/{pk}/easy-read/")
SUBJECT_ACCESS = ("Copy of Dee's information", "/subject-access/people/{pk}/")
KEEPING_RECORDS = ("Keeping Dee's records", "/retention/people/{pk}/")


def her_week(whose: str) -> tuple[str, str]:
    return (f"{whose} Perfect Week", "/week/people/{pk}/")


def her_money(whose: str) -> tuple[str, str]:
    return (f"{whose} money", "/funds/people/{pk}/")


def her_support(whose: str) -> tuple[str, str]:
    return (f"{whose} support", "/market/people/{pk}/support/")


def her_contracts(whose: str) -> tuple[str, str]:
    label = "My contracts" if whose == "My" else f"Buying {whose} support"
    return (label, "/commissioning/people/{pk}/commissioning/")


def how_its_going(whose: str) -> tuple[str, str]:
    label = "How it's going" if whose == "My" else "How it's going for Dee"
    return (label, "/coproduction/people/{pk}/")


def who_can_see(whose: str) -> tuple[str, str]:
    return (f"Who can see {whose} information", "/people/{pk}/who-can-see/")


def who_looked(whose: str) -> tuple[str, str]:
    return (f"Who looked at {whose} information", "/people/{pk}/who-looked/")


# On Dee's About page, for each persona: the tabs in order (About is the page being read).
TABS_ON_ABOUT = {
    "sister_user": [
        ABOUT,
        CIRCLE,
        BOARD,
        TOOLS,
        her_week("Dee's"),
        PLAN_BOOK,
        her_support("Dee's"),
        her_contracts("Dee's"),
        how_its_going("Dee's"),
        who_can_see("Dee's"),
        EASY_READ,
    ],
    "worker": [
        ABOUT,
        CIRCLE,
        BOARD,
        TOOLS,
        her_week("Dee's"),
        PLAN_BOOK,
        her_support("Dee's"),
        how_its_going("Dee's"),
        who_can_see("Dee's"),
        EASY_READ,
    ],
    "coordinator": [
        ABOUT,
        CIRCLE,
        BOARD,
        TOOLS,
        her_week("Dee's"),
        PLAN_BOOK,
        PLAN_SUMMARY,
        her_money("Dee's"),
        her_support("Dee's"),
        her_contracts("Dee's"),
        how_its_going("Dee's"),
        who_can_see("Dee's"),
        EASY_READ,
        who_looked("Dee's"),
        SUBJECT_ACCESS,
    ],
    "manager": [
        ABOUT,
        CIRCLE,
        BOARD,
        TOOLS,
        her_week("Dee's"),
        PLAN_BOOK,
        PLAN_SUMMARY,
        her_money("Dee's"),
        her_support("Dee's"),
        her_contracts("Dee's"),
        how_its_going("Dee's"),
        who_can_see("Dee's"),
        EASY_READ,
        who_looked("Dee's"),
        SUBJECT_ACCESS,
        KEEPING_RECORDS,
    ],
    "finance": [
        ABOUT,
        her_week("Dee's"),
        PLAN_BOOK,
        her_money("Dee's"),
        her_support("Dee's"),
        her_contracts("Dee's"),
        how_its_going("Dee's"),
        EASY_READ,
    ],
    "commissioner": [ABOUT, PLAN_SUMMARY, her_money("Dee's"), her_contracts("Dee's"), EASY_READ],
    "market_shaper": [
        ABOUT,
        TOOLS,
        her_week("Dee's"),
        PLAN_BOOK,
        her_support("Dee's"),
        her_contracts("Dee's"),
        how_its_going("Dee's"),
        EASY_READ,
    ],
}

LINK = re.compile(r'<li><a href="([^"]+)"(?: aria-current="([^"]+)")?>([^<]*)</a></li>')


def tabs_in(content: str, *, called: str = "Dee", label: str | None = None) -> list[Tab]:
    """The nav's links as (label, URL, aria-current), in the order they are on the page."""
    label = label or f"Pages about {called}"
    nav = rf'<nav class="sub-nav[^"]*" aria-label="{label}">\s*<ul>(.*?)</ul>\s*</nav>'
    navs = re.findall(nav, content, re.S)
    assert len(navs) == 1, "one person nav on the page"
    links = LINK.findall(navs[0])
    assert "".join(LINK.sub("", navs[0]).split()) == "", "nothing in the nav but its links"
    return [(html.unescape(label), url, current) for url, current, label in links]


def expected(tabs: list[tuple[str, str]], pk: int, *, current: str) -> list[Tab]:
    """The tabs with Dee's id filled in; the one at URL ``current`` is the page being read."""
    return [(label, url.format(pk=pk), "page" if url == current else "") for label, url in tabs]


@pytest.mark.parametrize("name", sorted(TABS_ON_ABOUT))
def test_each_role_sees_its_tabs_on_dees_about_page(name, persona, client_for, dee):
    content = client_for(persona(name)).get(f"/people/{dee.pk}/").content.decode()

    assert tabs_in(content) == expected(TABS_ON_ABOUT[name], dee.pk, current=ABOUT[1])


# Dee's own pages: fewer tabs in her own words, related pages gathered as one. About me opens
# her page in the format she chose; on a page of a group a second row links to each of its pages.
OWN_TABS = [
    ("About me", "/people/{pk}/"),
    ("My circle of support", "/people/{pk}/circle/"),
    ("My plans", "/planning/people/{pk}/planning-live/"),
    her_week("My"),
    ("My money and support", "/funds/people/{pk}/"),
    how_its_going("My"),
    ("My information", "/people/{pk}/who-can-see/"),
]


@pytest.mark.parametrize(
    ("page", "current", "group", "second_row"),
    [
        (
            "/people/{pk}/",
            ("About me", "page"),
            "About me",
            [("About me", "/people/{pk}/", "page"), ("Easy read", "/people/{pk}/easy-read/", "")],
        ),
        (
            "/planning/people/{pk}/tools/",
            ("My plans", "true"),
            "My plans",
            [
                ("Planning Live", "/planning/people/{pk}/planning-live/", ""),
                ("Plans and tools", "/planning/people/{pk}/tools/", "page"),
                ("Plan Book", "/planning/people/{pk}/plan-book/", ""),
            ],
        ),
        (
            "/people/{pk}/who-looked/",
            ("My information", "true"),
            "My information",
            [
                ("Who can see my information", "/people/{pk}/who-can-see/", ""),
                ("Who looked at my information", "/people/{pk}/who-looked/", "page"),
            ],
        ),
        ("/week/people/{pk}/", ("My Perfect Week", "page"), None, []),
    ],
)
def test_dee_sees_her_own_pages_in_her_own_words_and_fewer_tabs(
    page, current, group, second_row, client_for, person_user, dee
):
    dee.preferred_format = PreferredFormat.STANDARD
    dee.save()
    content = client_for(person_user).get(page.format(pk=dee.pk)).content.decode()

    tabs = tabs_in(content, label="My pages")
    assert [(label, url) for label, url, _current in tabs] == [
        (label, url.format(pk=dee.pk)) for label, url in OWN_TABS
    ]
    assert [(label, marker) for label, _url, marker in tabs if marker] == [current]
    if group:
        assert tabs_in(content, label=f"Pages in {group}") == [
            (label, url.format(pk=dee.pk), marker) for label, url, marker in second_row
        ]
    else:
        assert "Pages in " not in content


def test_about_me_opens_the_format_dee_chose(client_for, person_user, dee):
    dee.preferred_format = PreferredFormat.EASY_READ
    dee.save()
    content = client_for(person_user).get(f"/people/{dee.pk}/easy-read/").content.decode()

    assert tabs_in(content, label="My pages")[0] == (
        "About me",
        f"/people/{dee.pk}/easy-read/",
        "page",
    )


def test_a_tab_may_only_join_a_known_group(registry):
    with pytest.raises(ImproperlyConfigured, match="not one of"):
        registry.register_tabs([support_team_tab(own_group="My odds and ends")])


# Pages a coordinator can open about Dee with nothing else set up, and the tab each marks as the
# page being read ("page") or as the section it belongs to ("true").
PAGES = [
    ("/people/{pk}/circle/", CIRCLE[0], "page"),
    ("/people/{pk}/who-can-see/", who_can_see("Dee's")[0], "page"),
    ("/people/{pk}/easy-read/", EASY_READ[0], "page"),
    ("/people/{pk}/who-looked/", who_looked("Dee's")[0], "page"),
    ("/people/{pk}/support-team/", ABOUT[0], "true"),
    ("/planning/people/{pk}/planning-live/", BOARD[0], "page"),
    ("/planning/people/{pk}/planning-live/best-guesses/", BOARD[0], "true"),
    ("/planning/people/{pk}/tools/", TOOLS[0], "page"),
    ("/planning/people/{pk}/tools/outcomes/", TOOLS[0], "true"),
    ("/planning/people/{pk}/plan-book/", PLAN_BOOK[0], "page"),
    ("/week/people/{pk}/", her_week("Dee's")[0], "page"),
    ("/funds/people/{pk}/", her_money("Dee's")[0], "page"),
    ("/market/people/{pk}/support/", her_support("Dee's")[0], "page"),
    ("/commissioning/people/{pk}/commissioning/", her_contracts("Dee's")[0], "page"),
    ("/coproduction/people/{pk}/", how_its_going("Dee's")[0], "page"),
    ("/coproduction/people/{pk}/outcomes/", how_its_going("Dee's")[0], "true"),
    ("/coproduction/people/{pk}/learning/", how_its_going("Dee's")[0], "true"),
]


@pytest.mark.parametrize(("page", "tab", "marker"), PAGES)
def test_the_tab_of_the_page_being_read_is_marked(page, tab, marker, client_for, coordinator, dee):
    response = client_for(coordinator).get(page.format(pk=dee.pk))
    assert response.status_code == 200

    tabs = tabs_in(response.content.decode())

    assert [label for label, _url, _current in tabs] == [
        label for label, _url in TABS_ON_ABOUT["coordinator"]
    ]
    assert [(label, current) for label, _url, current in tabs if current] == [(tab, marker)]


# Every kind of page a person's tabs can sit above, by URL name, and the tab it belongs to.
SECTIONS = [
    ("people:detail", "About", "page"),
    ("people:edit", "About", "true"),
    ("people:key_date_add", "About", "true"),
    ("people:circle", "Circle of support", "page"),
    ("people:circle_add", "Circle of support", "true"),
    ("people:circle_edit", "Circle of support", "true"),
    ("people:permissions", "Who can see Dee's information", "page"),
    ("people:permissions_council", "Who can see Dee's information", "true"),
    ("people:easy_read", "Easy read", "page"),
    ("people:who_looked", "Who looked at Dee's information", "page"),
    ("planning:board", "Planning Live", "page"),
    ("planning:note_add", "Planning Live", "true"),
    ("planning:note_check", "Planning Live", "true"),
    ("planning:best_guesses", "Planning Live", "true"),
    ("planning:recording_add", "Planning Live", "true"),
    ("planning:participant_detail", "Planning Live", "true"),
    ("planning:tools", "Plans and tools", "page"),
    ("planning:tool", "Plans and tools", "true"),
    ("planning:tool_history", "Plans and tools", "true"),
    ("planning:outcomes", "Plans and tools", "true"),
    ("planning:outcome_edit", "Plans and tools", "true"),
    ("planbook:plan_book", "Plan Book", "page"),
    ("planbook:plan_book_version", "Plan Book", "true"),
    ("planbook:plan_book_agree", "Plan Book", "true"),
    ("week:perfect_week", "Dee's Perfect Week", "page"),
    ("week:entry_add", "Dee's Perfect Week", "true"),
    ("week:calendar_links", "Dee's Perfect Week", "true"),
    ("funds:money", "Dee's money", "page"),
    ("funds:plan_summary", "Plan summary", "page"),
    ("funds:ledger", "Dee's money", "true"),
    ("funds:agreement", "Dee's money", "true"),
    ("funds:statement", "Dee's money", "true"),
    ("market:support", "Dee's support", "page"),
    ("market:support_easy_read", "Dee's support", "true"),
    ("market:need_refine", "Dee's support", "true"),
    ("market:match", "Dee's support", "true"),
    ("coproduction:person_overview", "How it's going for Dee", "page"),
    ("coproduction:outcome_progress_new", "How it's going for Dee", "true"),
    ("coproduction:learning_edit", "How it's going for Dee", "true"),
    ("coproduction:reviews_person", "How it's going for Dee", "true"),
    ("coproduction:feedback_new", "How it's going for Dee", "true"),
    ("coproduction:decisions_person", "How it's going for Dee", "true"),
    # A page no tab claims belongs to About.
    ("somewhere:else", "About", "true"),
    ("", "About", "true"),
]


def render_nav(user, person, view_name: str | None) -> str:
    request = RequestFactory().get("/")
    request.user = user
    # Only the view name of the match is read; a stand-in allows names no URL has.
    match = None if view_name is None else SimpleNamespace(view_name=view_name)
    request.resolver_match = cast(ResolverMatch | None, match)
    template = Template("{% load person_page %}{% person_nav person %}")
    return template.render(Context({"request": request, "person": person}))


@pytest.mark.parametrize(("view_name", "tab", "marker"), SECTIONS)
def test_every_page_belongs_to_one_tab(view_name, tab, marker, manager, dee):
    tabs = tabs_in(render_nav(manager, dee, view_name))

    assert [(label, current) for label, _url, current in tabs if current] == [(tab, marker)]


def test_a_page_without_a_resolved_url_marks_about(manager, dee):
    tabs = tabs_in(render_nav(manager, dee, None))

    assert [(label, current) for label, _url, current in tabs if current] == [("About", "true")]


# --- The registry each app fills ----------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """The tab registry, put back as it was after the test."""
    monkeypatch.setattr(person_tabs, "_tabs", dict(person_tabs._tabs))
    return person_tabs


def support_team_tab(**changes) -> PersonTab:
    tab = PersonTab(
        url_name="people:support_team",
        label=lambda viewer, person: f"{whose(viewer, person, capital=True)} team",
        order=15,
        may_see=lambda viewer, person: viewer.role == Role.COORDINATOR,
        url_prefixes=("people:support_team",),
    )
    return replace(tab, **changes)


def test_a_registered_tab_takes_its_place_for_those_who_may_see_it(
    registry, client_for, coordinator, worker, dee
):
    registry.register_tabs([support_team_tab()])

    coordinators = tabs_in(client_for(coordinator).get(f"/people/{dee.pk}/").content.decode())
    workers = tabs_in(client_for(worker).get(f"/people/{dee.pk}/").content.decode())

    assert coordinators[:3] == [
        ("About", f"/people/{dee.pk}/", "page"),
        ("Dee's team", f"/people/{dee.pk}/support-team/", ""),
        ("Circle of support", f"/people/{dee.pk}/circle/", ""),
    ]
    assert "Dee's team" not in [label for label, _url, _current in workers]


def test_the_longest_prefix_decides_which_tab_a_page_belongs_to(registry, coordinator, dee):
    # Removing someone from the team is a "people:" page like About's, but the new tab's prefix
    # names it more closely.
    registry.register_tabs([support_team_tab()])

    tabs = tabs_in(render_nav(coordinator, dee, "people:support_team_remove"))

    assert [(label, current) for label, _url, current in tabs if current] == [
        ("Dee's team", "true")
    ]
    assert registry.tab_of("people:support_team_remove") == "people:support_team"
    assert registry.tab_of("people:support") == "people:detail"


def test_registering_the_same_tabs_again_changes_nothing(registry, manager, dee):
    before = render_nav(manager, dee, "people:detail")

    registry.register_tabs(person_tabs.TABS)

    assert render_nav(manager, dee, "people:detail") == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"url_name": "people:circle", "url_prefixes": ()},
            "Two person tabs link to people:circle",
        ),
        ({"order": 20}, "both have order 20"),
        ({"url_prefixes": ("week:",)}, "both claim ['week:']"),
    ],
)
def test_two_tabs_may_not_want_the_same_place(registry, changes, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        registry.register_tabs([support_team_tab(**changes)])


def test_a_name_keeps_its_own_capitals(client_for, coordinator, dee):
    dee.preferred_name = "DeeDee"
    dee.save()

    content = client_for(coordinator).get(f"/people/{dee.pk}/").content.decode()
    labels = [label for label, _url, _current in tabs_in(content, called="DeeDee")]

    assert "DeeDee's Perfect Week" in labels
    assert "DeeDee's money" in labels


def test_without_a_signed_in_viewer_there_are_no_tabs(dee):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template("{% load person_page %}{% person_nav person %}")

    assert template.render(Context({"request": request, "person": dee})).strip() == ""
