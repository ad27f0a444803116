"""My Perfect Week, the rate card and calendar links, all under /week/ in the ``week`` namespace.

Split by concept: ``week_urls`` (a person's weeks and their entries), ``feed_urls`` (calendar
links, the iCalendar feed, the PDF), ``rate_card_urls`` (the provider's rates).
"""

from django.urls import include, path

app_name = "week"

urlpatterns = [
    path("rate-card/", include("directsupport.week.rate_card_urls")),
    path("people/<id:pk>/", include("directsupport.week.week_urls")),
    path("", include("directsupport.week.feed_urls")),
]
