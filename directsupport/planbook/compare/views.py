"""What changed between two versions of a person's Plan Book, section by section, in words.

Only versions the reader may see can be chosen (a circle member compares shared versions, a
commissioner published ones); a number they may not see reads as "choose one in the list", the
same as a number that does not exist, so nothing is given away.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.access import can_see_circle

from ..access import get_plan_book_person_for_user, plan_book_versions_visible_to
from .diff import compare_plan_books
from .forms import CompareForm


def plan_book_compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_plan_book_person_for_user(user, pk)
    visible = {
        version.number: version
        for version in plan_book_versions_visible_to(user, person).only(
            "number", "status", "introduction", "content", "person_id"
        )
    }
    record_view(request, person_id=person.pk, subject=person, summary="Compare Plan Book versions")
    asked = "from" in request.GET or "to" in request.GET
    form = CompareForm(request.GET if asked else None, numbers=list(visible))
    context: dict[str, Any] = {"person": person, "form": form, "has_two": len(visible) >= 2}
    if asked and form.is_valid():
        old, new = visible[form.cleaned_data["from"]], visible[form.cleaned_data["to"]]
        sections = compare_plan_books(
            old=old.content,
            new=new.content,
            old_introduction=old.introduction,
            new_introduction=new.introduction,
            include_circle=can_see_circle(user, person),
        )
        context.update(
            {
                "old": old,
                "new": new,
                "changed": [section for section in sections if section.changes],
                "unchanged": [section for section in sections if not section.changes],
            }
        )
    return render(request, "planbook/compare.html", context, status=400 if form.errors else 200)
