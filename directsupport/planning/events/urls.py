"""Planning Live events, under /planning/events/ in the ``planning`` namespace.

See the module docstrings of views/events.py (the events, their phases, adding people) and
views/invitations.py (a person's place at an event, and the easy-read invitations).
"""

from django.urls import path

from .views import events, invitations

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("new/", events.event_add, name="event_add"),
    path("<id:event_pk>/", events.event_detail, name="event_detail"),
    path("<id:event_pk>/change/", events.event_edit, name="event_edit"),
    path("<id:event_pk>/phase/", events.event_phase, name="event_phase"),
    path("<id:event_pk>/people/add/", events.event_add_people, name="event_add_people"),
    path(
        "<id:event_pk>/people/<id:participant_pk>/",
        invitations.participant_detail,
        name="participant_detail",
    ),
    path(
        "<id:event_pk>/people/<id:participant_pk>/phase/",
        invitations.participant_phase,
        name="participant_phase",
    ),
    path(
        "<id:event_pk>/people/<id:participant_pk>/remove/",
        invitations.participant_remove,
        name="participant_remove",
    ),
    path(
        "<id:event_pk>/people/<id:participant_pk>/invitations/",
        invitations.invitations_print,
        name="invitations_print",
    ),
    path(
        "<id:event_pk>/invitations/",
        invitations.event_invitations_print,
        name="event_invitations_print",
    ),
]
