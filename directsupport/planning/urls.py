"""Planning Live, the person-centred tools and Plan Books, all under /planning/.

Split by concept, one module each, all in the ``planning`` namespace.
"""

from django.urls import include, path

from .views import worklists

app_name = "planning"

urlpatterns = [
    path("events/", include("directsupport.planning.events.urls")),
    # The full lists behind the home page's panels.
    path("best-guesses/", worklists.best_guesses_waiting, name="best_guesses_waiting"),
    path("plan-books/waiting/", worklists.plan_books_waiting_list, name="plan_books_waiting"),
    path("events/<id:event_pk>/plan-books/", include("directsupport.planning.batch.urls")),
    path("people/<id:pk>/planning-live/", include("directsupport.planning.board.urls")),
    # Outcomes before tools: the tools' "<slug:kind>/" would otherwise take "outcomes/".
    path("people/<id:pk>/tools/", include("directsupport.planning.outcomes.urls")),
    path("people/<id:pk>/tools/", include("directsupport.planning.tools.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.planbook.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.pdf.urls")),
]
