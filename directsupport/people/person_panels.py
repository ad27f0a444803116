"""The panels on a person's pages that later apps fill: people's slots in lib/page_parts.py.

people stands below planning, planbook, funds, market and coproduction (DESIGN.md §2), so its
templates may not load their tags. Its pages name these places instead, and each app registers its
panels there from its AppConfig.ready(), next to its tabs (people/person_tabs.py). A panel is
``render(context, person)``: ``context`` is the page's template context (``request``, so the
viewer), and the panel makes its own access check and returns "" when it has nothing to show.
``{% person_panels "waiting_for_me" person %}`` (templatetags/person_page.py) draws a slot.

Today's panels, in order:

- ``waiting_for_me``: first on the person's own pages (About me and Easy read), under "Waiting for
  me", shown only when a panel has something: reviews to say if they are coming to 10
  (coproduction), guesses to check 20 (planning), their Plan Book to read or agree 30 (planbook).
- ``about_actions``: on the About page, above the details: "Record support given" 10 (funds).
- ``money_and_support``: on the person's own pages: my money 10 (funds), my support 20 (market).
"""

from __future__ import annotations

from directsupport.lib.page_parts import slot

WAITING_FOR_ME = slot("people.waiting_for_me")
ABOUT_ACTIONS = slot("people.about_actions")
MONEY_AND_SUPPORT = slot("people.money_and_support")
