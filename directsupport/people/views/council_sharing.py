"""What the person shares with the council that funds them: the person decides (in easy read),
staff record their decision or a representative's. Reached from "Who can see my information"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import can_decide_circle_permissions, get_person_for_council_sharing
from ..council_sharing import record_council_sharing
from ..council_sharing_forms import CouncilSharingForm
from ..models import COUNCIL_SHAREABLE, CouncilSharingDecision

HISTORY_LENGTH = 10
# How each choice reads in the list of what is shared now and in the history.
SHARED_WORDS = {
    "outcomes": "what they want to achieve",
    "perfect_week": "their Perfect Week, without names",
    "communication": "how to communicate with them",
}
# The same, in the person's own voice on their own page.
SHARED_WORDS_MINE = {
    "outcomes": "what I want to achieve",
    "perfect_week": "my Perfect Week, without names",
    "communication": "how to talk with me",
}


def council_sharing(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_council_sharing(user, pk)
    by_the_person = person.user_id is not None and person.user_id == user.pk
    shared = CouncilSharingDecision.shared_now(person)
    form = CouncilSharingForm(
        request.POST or None, person=person, shared=shared, by_the_person=by_the_person
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = record_council_sharing(
                actor=user,
                person=person,
                shares=form.shares(),
                request=request,
                **form.decision(),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            if decision is None:
                text = "You did not change anything." if by_the_person else "Nothing was changed."
            elif by_the_person:
                text = "Thank you. Your choices are saved."
            else:
                text = f"Saved. What {person.called} shares with the council has changed."
            messages.success(request, text)
            return redirect("people:permissions_council", pk=person.pk)
    if request.method != "POST":
        record_view(
            request, person_id=person.pk, subject=person, summary="What I share with the council"
        )
    history = (
        CouncilSharingDecision.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")[:HISTORY_LENGTH]
    )
    words = SHARED_WORDS_MINE if by_the_person else SHARED_WORDS
    return render(
        request,
        "people/council_sharing.html",
        {
            "person": person,
            "form": form,
            "by_the_person": by_the_person,
            "may_decide": can_decide_circle_permissions(user, person),
            "shared_words": [words[kind] for kind in COUNCIL_SHAREABLE if kind in shared],
            "history": [
                (decision, [words[kind] for kind in decision.shared]) for decision in history
            ],
        },
    )
