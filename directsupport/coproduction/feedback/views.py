"""A person's feedback over time, giving feedback (easy read for the person themselves), and a
voice note or picture served after an access check."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person

from ..access import get_feedback_for_user, get_person_for_feedback, may_contribute
from ..models import AttachmentKind, Feedback, FeedbackFrom, Feeling
from .attachments import open_attachment
from .forms import FeedbackFilterForm, FeedbackForm
from .services import give_feedback

PAGE_SIZE = 20
CHOOSE_AGAIN = (
    "For your safety, the file you chose was not kept. If you still want to add it, choose it "
    "again."
)


@dataclass(frozen=True)
class Face:
    """One picture of the scale, with the word it stands for."""

    value: int
    word: str
    picture: str
    checked: bool = False


def face_picture(value: int) -> str:
    return static(f"coproduction/feelings/feeling-{value}.svg")


def faces(chosen: object = None) -> list[Face]:
    """The five faces, best first (as people read a scale of how things are going)."""
    return [
        Face(value=value, word=label, picture=face_picture(value), checked=str(value) == chosen)
        for value, label in reversed(Feeling.choices)
    ]


@dataclass(frozen=True)
class FeedbackRow:
    feedback: Feedback
    face: Face | None


def _rows(feedback: list[Feedback]) -> list[FeedbackRow]:
    by_value = {face.value: face for face in faces()}
    return [
        FeedbackRow(feedback=item, face=by_value.get(item.feeling) if item.feeling else None)
        for item in feedback
    ]


def _is_own(user: User, person: Person) -> bool:
    return person.user_id is not None and person.user_id == user.pk


def feedback_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_feedback(user, pk)
    own = _is_own(user, person)
    form = FeedbackFilterForm(request.GET, own=own)
    given = Feedback.objects.filter(person=person).select_related("plan_version")
    chosen_from = form.chosen_from()
    if chosen_from:
        given = given.filter(from_role=chosen_from)
    page = Paginator(given.order_by("-given_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    record_view(request, person_id=person.pk, subject=person, summary="Feedback page")
    return render(
        request,
        "coproduction/feedback/person.html",
        {
            "person": person,
            "own": own,
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rows": _rows(list(page.object_list)),
            "filtered": bool(chosen_from),
            "may_give": may_contribute(user, person),
            "from_person": FeedbackFrom.PERSON,
            "audio": AttachmentKind.AUDIO,
            "image": AttachmentKind.IMAGE,
        },
    )


def feedback_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_feedback(user, pk, write=True)
    own = _is_own(user, person)
    choose_again = False
    if request.method == "POST":
        form = FeedbackForm(request.POST, request.FILES, easy_read=own, called=person.called)
        if form.is_valid():
            try:
                give_feedback(
                    person=person,
                    given_by=user,
                    about=form.cleaned_data["about"],
                    feeling=form.cleaned_data["feeling"],
                    words=form.cleaned_data["words"],
                    attachment=form.cleaned_data["attachment"],
                    actor=user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. We have kept what you said."
                    if own
                    else f"Thank you. Your feedback about {person.called} has been kept.",
                )
                return redirect("coproduction:feedback_person", pk=person.pk)
        # A browser never sends a file back: say so, whatever was wrong.
        choose_again = bool(request.FILES.get("attachment"))
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Give feedback page")
        form = FeedbackForm(easy_read=own, called=person.called)
    return render(
        request,
        "coproduction/feedback/new.html",
        {
            "person": person,
            "own": own,
            "form": form,
            "faces": faces(form["feeling"].value() if form.is_bound else None),
            "choose_again": choose_again,
            "choose_again_message": CHOOSE_AGAIN,
        },
    )


def attachment_filename(feedback: Feedback) -> str:
    """The name a saved copy gets: what it is and when, never the stored random name."""
    extension = feedback.stored_name.name.rsplit(".", 1)[-1]
    what = "voice-note" if feedback.attachment_kind == AttachmentKind.AUDIO else "picture"
    return f"{what}-{timezone.localtime(feedback.given_at):%Y-%m-%d}.{extension}"


def feedback_attachment(request: AuthenticatedRequest, pk: int, feedback_pk: int) -> FileResponse:
    """The voice note or picture itself. Not audited on its own: it is played or shown on the
    feedback page, which is."""
    user = request.user
    feedback = get_feedback_for_user(user, pk, feedback_pk)
    if not feedback.stored_name:
        raise Http404("No voice note or picture")
    try:
        handle = open_attachment(feedback.stored_name.name)
    except FileNotFoundError as error:
        raise Http404("File missing") from error
    filename = attachment_filename(feedback)
    response = FileResponse(handle, content_type=feedback.content_type, filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal: never kept on disk
    response["X-Content-Type-Options"] = "nosniff"
    return response
