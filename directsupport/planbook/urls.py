"""The Plan Book's pages, under /planning/ where they were while the Plan Book was part of
planning, so bookmarks and the links in audit rows still open them. All in the ``planbook``
namespace, one include per concept (DESIGN.md §2):

    book/       a person's versions: start, compile, change, share, publish, read, easy read
    agree/      the person agrees a version, or staff record an agreement
    compare/    two versions side by side
    pdf/        one version as a PDF
    batch/      everyone's Plan Book PDFs for a Planning Live event, made in the background
    worklists/  every Plan Book waiting for agreement or publishing (the home panel's full list)
"""

from django.urls import include, path

app_name = "planbook"

urlpatterns = [
    path("plan-books/", include("directsupport.planbook.worklists.urls")),
    path("events/<id:event_pk>/plan-books/", include("directsupport.planbook.batch.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planbook.book.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planbook.agree.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planbook.compare.urls")),
    path("people/<id:pk>/plan-book/", include("directsupport.planbook.pdf.urls")),
]
