"""The tabs above every page about a person: a registry that people offers and each app fills.

people stands below planning, week, funds, market and the rest (DESIGN.md §2), so it may not
import them to ask whether a viewer may open their pages. Instead each app registers its own
tab, with its own access check, when Django starts. The person page's nav
(templatetags/person_page.py) shows the registered tabs the viewer may see, in order.

Adding a tab is a five-line job. In the app, a ``person_tabs.py``::

    from directsupport.people.person_tabs import PersonTab, whose

    from .access import can_see_support

    TABS = (
        PersonTab(
            url_name="market:support",  # reversed with the person's pk
            label=lambda viewer, person: f"{whose(viewer, person, capital=True)} support",
            order=75,  # between Money (70) and Who can see (80)
            may_see=lambda viewer, person: can_see_support(viewer, person),
            url_prefixes=("market:",),  # pages that count as this tab (marked aria-current)
        ),
    )

and in the app's AppConfig (the tabs module reads models, so it is imported only once they are
loaded)::

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        register_tabs(TABS)

``may_see`` only decides whether the tab is shown; the pages behind it still check access
themselves (access.py), so a tab shown too generously leads to a 404, never to a leak. Keep it
cheap (a role check, no query): it runs on every page about a person.

Today's tabs and their order numbers, with room between for new ones:
About 10, Circle of support 20 (people); Planning Live 30, Plans and tools 40 (planning);
Perfect Week 50 (week); Plan Book 60 (planning); Money 70 (funds); Who can see 80,
Easy read 90, Who looked 100 (people).

On the person's own pages the tabs are fewer: a tab may name the group it joins there
(``own_group``, one of OWN_GROUPS: About and Easy read are "About me"; Planning Live, Plans and
tools and the Plan Book are "My plans"; money, support and contracts are "My money and support";
who can see, who looked, the copy and the records are "My information"). The group's tab opens
the first of its pages she may see (for About me, the one in the format she chose) and, on any
page of the group, a second row links to each of them, so every page she may open stays one
click away. Everyone else sees every tab on its own.

Which tab a page belongs to: the tab whose URL-name prefix is the longest match for the page's
URL name (with namespace, e.g. "funds:ledger" belongs to the tab with "funds:"); a page no tab
claims belongs to About.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import capfirst

from directsupport.accounts.models import User

from .access import can_see_audit_trail, can_see_circle
from .models import Person

ABOUT = "people:detail"
EASY_READ = "people:easy_read"

# The groups of tabs on the person's own pages, in the words she reads (PersonTab.own_group).
ABOUT_ME = "About me"
MY_PLANS = "My plans"
MY_MONEY_AND_SUPPORT = "My money and support"
MY_INFORMATION = "My information"
OWN_GROUPS = (ABOUT_ME, MY_PLANS, MY_MONEY_AND_SUPPORT, MY_INFORMATION)


@dataclass(frozen=True)
class PersonTab:
    """One tab: where it goes, what it says, where it sits, who sees it, which pages are its."""

    url_name: str
    label: Callable[[User, Person], str]
    order: int
    may_see: Callable[[User, Person], bool]
    url_prefixes: tuple[str, ...]
    # On the person's own pages, the group this tab is gathered into ("" for a tab of its own).
    own_group: str = ""


_tabs: dict[str, PersonTab] = {}


def register_tabs(tabs: Iterable[PersonTab]) -> None:
    """Add tabs to every person's pages. Registering the same tab again does nothing (Django may
    run ready() more than once); two tabs that want the same URL, order number or URL-name prefix
    are a mistake to fix at start-up, not a nav that silently depends on which app loaded first."""
    for tab in tabs:
        existing = _tabs.get(tab.url_name)
        if existing == tab:
            continue
        if existing is not None:
            raise ImproperlyConfigured(f"Two person tabs link to {tab.url_name}")
        for other in _tabs.values():
            if other.order == tab.order:
                raise ImproperlyConfigured(
                    f"Person tabs {other.url_name} and {tab.url_name} both have order {tab.order}"
                )
            shared = set(other.url_prefixes) & set(tab.url_prefixes)
            if shared:
                raise ImproperlyConfigured(
                    f"Person tabs {other.url_name} and {tab.url_name} both claim {sorted(shared)}"
                )
        if tab.own_group and tab.own_group not in OWN_GROUPS:
            raise ImproperlyConfigured(
                f"Person tab {tab.url_name} joins {tab.own_group!r}, not one of {OWN_GROUPS}"
            )
        _tabs[tab.url_name] = tab


def tabs_for(viewer: User, person: Person) -> list[PersonTab]:
    """The tabs this viewer may see on this person's pages, in order."""
    return [
        tab
        for tab in sorted(_tabs.values(), key=lambda tab: tab.order)
        if tab.may_see(viewer, person)
    ]


def tab_of(view_name: str) -> str:
    """The URL name of the tab a page (by its namespaced URL name) belongs to."""
    best, best_length = ABOUT, 0
    for tab in _tabs.values():
        for prefix in tab.url_prefixes:
            if view_name.startswith(prefix) and len(prefix) > best_length:
                best, best_length = tab.url_name, len(prefix)
    return best


def is_own(viewer: User, person: Person) -> bool:
    """The viewer is the person the pages are about."""
    return person.user_id is not None and person.user_id == viewer.pk


def whose(viewer: User, person: Person, *, capital: bool = False) -> str:
    """The person reads about "my information"; everyone else about "Dee's information"."""
    word = "my" if is_own(viewer, person) else f"{person.called}'s"
    return capfirst(word) if capital else word


def _anyone(viewer: User, person: Person) -> bool:
    # Whoever may open the person's page (people.access decided that before the page rendered).
    return True


# people's own tabs, registered from PeopleConfig.ready().
TABS = (
    PersonTab(
        url_name=ABOUT,
        label=lambda viewer, person: "About me" if is_own(viewer, person) else "About",
        order=10,
        may_see=_anyone,
        url_prefixes=(),  # About is where every page no tab claims belongs
        own_group=ABOUT_ME,
    ),
    PersonTab(
        url_name="people:circle",
        label=lambda viewer, person: (
            "My circle of support" if is_own(viewer, person) else "Circle of support"
        ),
        order=20,
        may_see=can_see_circle,
        url_prefixes=("people:circle",),
    ),
    PersonTab(
        url_name="people:permissions",
        label=lambda viewer, person: f"Who can see {whose(viewer, person)} information",
        order=80,
        may_see=can_see_circle,
        url_prefixes=("people:permission",),
        own_group=MY_INFORMATION,
    ),
    PersonTab(
        url_name=EASY_READ,
        label=lambda viewer, person: "Easy read",
        order=90,
        may_see=_anyone,
        url_prefixes=("people:easy_read",),
        own_group=ABOUT_ME,
    ),
    PersonTab(
        url_name="people:who_looked",
        label=lambda viewer, person: f"Who looked at {whose(viewer, person)} information",
        order=100,
        may_see=can_see_audit_trail,
        url_prefixes=("people:who_looked",),
        own_group=MY_INFORMATION,
    ),
)
