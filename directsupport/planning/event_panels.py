"""The panels on a Planning Live event's page that later apps fill: planning's slot in
lib/page_parts.py, so its template loads no later app's tags (DESIGN.md §2).

A panel is ``render(context, event)``: ``context`` is the event page's template context, which
gives ``request`` (so the viewer) and ``can_plan`` (whether the viewer may plan events:
access.can_plan_events, the page's own check). ``{% event_panels "people_taking_part" event %}``
(templatetags/event_page.py) draws a slot.

Today's panels, in order:

- ``people_taking_part``: under the people taking part and the invitations to print, when the
  viewer supports any of them: everyone's Plan Books 10 (planbook).
"""

from __future__ import annotations

from directsupport.lib.page_parts import slot

PEOPLE_TAKING_PART = slot("planning.people_taking_part")
