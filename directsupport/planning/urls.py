"""Planning Live, the person-centred tools and Plan Books, all under /planning/.

One package per concept (DESIGN.md §2), each with its own urls.py, all in the ``planning``
namespace:

    events/     Planning Live events, a person's place at one, the easy-read invitations
    worklists/  the full lists behind the home page's panels
    batch/      everyone's Plan Book PDFs for an event, made in the background
    board/      a person's quick-capture board, best guesses and graphic recordings
    outcomes/   a person's outcomes and their actions
    tools/      the person-centred tools
    planbook/   the Plan Book's versions: compile, share, agree, publish, compare
    pdf/        one Plan Book version as a PDF

The app keeps what they share: models/, access.py, tasks.py, the template tags and the
registries other apps fill or read (person_tabs.py, person_records.py, decisions_taken.py,
plan_book_parts.py).
"""

from django.urls import include, path

app_name = "planning"

urlpatterns = [
    path("events/", include("directsupport.planning.events.urls")),
    path("", include("directsupport.planning.worklists.urls")),
    path("events/<id:event_pk>/plan-books/", include("directsupport.planning.batch.urls")),
    path("people/<id:pk>/planning-live/", include("directsupport.planning.board.urls")),
    # Outcomes before tools: the tools' "<slug:kind>/" would otherwise take "outcomes/".
    path("people/<id:pk>/tools/", include("directsupport.planning.outcomes.urls")),
    path("people/<id:pk>/tools/", include("directsupport.planning.tools.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.planbook.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.pdf.urls")),
]
