"""The circle of support, who may see the person's information, and the easy-read page.

Included under /people/<id:pk>/ in the ``people`` namespace.
"""

from django.urls import path

from .views import circle, council_sharing, easy_read

urlpatterns = [
    path("circle/", circle.circle, name="circle"),
    path("circle/add/", circle.circle_add, name="circle_add"),
    path("circle/<id:member_pk>/change/", circle.circle_edit, name="circle_edit"),
    path("circle/<id:member_pk>/remove/", circle.circle_remove, name="circle_remove"),
    path("who-can-see/", circle.permissions, name="permissions"),
    # What the person shares with the council (named so it sits under the "Who can see" tab).
    path("who-can-see/council/", council_sharing.council_sharing, name="permissions_council"),
    path("easy-read/", easy_read.easy_read, name="easy_read"),
]
