"""The person-centred tools of one person (``pk``): see views.py here.

Mounted at /planning/people/<pk>/tools/ in the ``planning`` namespace, after the outcomes'
urls (outcomes/urls.py): ``<slug:kind>/`` would otherwise take "outcomes" for a tool.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.tools_overview, name="tools"),
    path("<slug:kind>/", views.tool_detail, name="tool"),
    path("<slug:kind>/change/", views.tool_edit, name="tool_edit"),
    path("<slug:kind>/history/", views.tool_history, name="tool_history"),
]
