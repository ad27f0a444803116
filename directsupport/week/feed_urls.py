"""Calendar links, the iCalendar feed and the Perfect Week PDF, under /week/.

- ``calendar_links`` (pk): make your own private link, see and stop links.
- ``calendar_link_revoke`` (pk, feed_pk): POST, stop a link.
- ``calendar_feed`` (token): the feed for calendar apps; no sign-in (the token is the key).
- ``week_pdf`` (pk): the picture timetable as a PDF, ``?size=a4|a3`` (A4 when left out).
"""

from django.urls import path

from .views import feed, pdf

urlpatterns = [
    path("people/<id:pk>/calendar/", feed.calendar_links, name="calendar_links"),
    path(
        "people/<id:pk>/calendar/<id:feed_pk>/revoke/",
        feed.calendar_link_revoke,
        name="calendar_link_revoke",
    ),
    path("calendar/<str:token>.ics", feed.calendar_feed, name="calendar_feed"),
    path("people/<id:pk>/perfect-week.pdf", pdf.week_pdf, name="week_pdf"),
]
