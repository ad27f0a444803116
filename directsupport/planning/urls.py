"""Planning Live, the person-centred tools and Plan Books, all under /planning/.

Split by concept, one module each, all in the ``planning`` namespace.
"""

from django.urls import include, path

app_name = "planning"

urlpatterns = [
    path("events/", include("directsupport.planning.event_urls")),
    path("events/<id:event_pk>/plan-books/", include("directsupport.planning.batch_urls")),
    path("people/<id:pk>/planning-live/", include("directsupport.planning.board_urls")),
    path("people/<id:pk>/tools/", include("directsupport.planning.tool_urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.planbook_urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planning.pdf_urls")),
]
