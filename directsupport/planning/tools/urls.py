"""The person-centred tools and outcomes of one person (``pk``): see views.py here and
../views/outcomes.py. The outcome pages come first: "outcomes" would otherwise read as a tool."""

from django.urls import path

from ..views import outcomes
from . import views as tools

urlpatterns = [
    path("", tools.tools_overview, name="tools"),
    path("outcomes/", outcomes.outcomes_list, name="outcomes"),
    path("outcomes/add/", outcomes.outcome_add, name="outcome_add"),
    path("outcomes/<id:outcome_pk>/change/", outcomes.outcome_edit, name="outcome_edit"),
    path("outcomes/<id:outcome_pk>/remove/", outcomes.outcome_remove, name="outcome_remove"),
    path(
        "outcomes/<id:outcome_pk>/actions/<id:action_pk>/done/",
        outcomes.outcome_action_done,
        name="outcome_action_done",
    ),
    path("<slug:kind>/", tools.tool_detail, name="tool"),
    path("<slug:kind>/change/", tools.tool_edit, name="tool_edit"),
    path("<slug:kind>/history/", tools.tool_history, name="tool_history"),
]
