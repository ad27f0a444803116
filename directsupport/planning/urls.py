"""Planning Live, the person-centred tools and Plan Books, all under /planning/.

One package per concept (DESIGN.md §2), each with its own urls.py, all in the ``planning``
namespace:

    events/     Planning Live events, a person's place at one, the easy-read invitations
    worklists/  the full list behind the home page's best guesses panel
    board/      a person's quick-capture board, best guesses and graphic recordings
    outcomes/   a person's outcomes and their actions
    tools/      the person-centred tools

The app keeps what they share: models/, access.py, the template tags and the registries other
apps fill (person_tabs.py, person_records.py). The Plan Book's pages, still under /planning/,
are the planbook app's (planbook/urls.py).
"""

from django.urls import include, path

app_name = "planning"

urlpatterns = [
    path("events/", include("directsupport.planning.events.urls")),
    path("", include("directsupport.planning.worklists.urls")),
    path("people/<id:pk>/planning-live/", include("directsupport.planning.board.urls")),
    # Outcomes before tools: the tools' "<slug:kind>/" would otherwise take "outcomes/".
    path("people/<id:pk>/tools/", include("directsupport.planning.outcomes.urls")),
    path("people/<id:pk>/tools/", include("directsupport.planning.tools.urls")),
]
