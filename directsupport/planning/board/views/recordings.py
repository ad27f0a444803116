"""Photos of the day's graphic recording: added by staff close to the person, served privately.

The picture is checked by its content, re-encoded without its metadata and stored under a random
name in the private storage (directsupport/people/photos.py), so it can only be seen through
``recording_image`` after an access check.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.photos import content_type_for, open_photo

from ...access import check_may_upload_recording, get_board_person_for_user, get_recording_for_user
from ..forms import RecordingForm
from ..services import add_graphic_recording
from .board import board_events


def recording_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_board_person_for_user(user, pk)
    check_may_upload_recording(user, person)
    events = board_events(person)
    if request.method == "POST":
        form = RecordingForm(request.POST, request.FILES, events=events)
        if form.is_valid():
            try:
                add_graphic_recording(
                    actor=user,
                    person=person,
                    photo=form.cleaned_data["image"],
                    description=form.cleaned_data["description"],
                    event=form.chosen_event(),
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, "The photo of the graphic recording has been added.")
                board_url = reverse("planning:board", kwargs={"pk": person.pk})
                return redirect(f"{board_url}#graphic-recordings")
    else:
        record_view(
            request, person_id=person.pk, subject=person, summary="Add a graphic recording page"
        )
        form = RecordingForm(events=events)
    # A good picture is lost when the description needs correcting: say so beside the field.
    choose_again = bool(request.FILES.get("image")) and form.is_bound and "image" not in form.errors
    return render(
        request,
        "planning/board/recording_add.html",
        {"person": person, "form": form, "choose_again": choose_again},
    )


def recording_image(request: AuthenticatedRequest, pk: int, recording_pk: int) -> FileResponse:
    """The picture itself. Not audited on its own: it is shown on the board, which is."""
    user = request.user
    recording = get_recording_for_user(user, pk, recording_pk)
    name = recording.image.name
    try:
        handle = open_photo(name)
    except FileNotFoundError as error:
        raise Http404("Picture file missing") from error
    extension = name.rsplit(".", 1)[-1]
    filename = f"graphic-recording-{recording.pk}.{extension}"
    response = FileResponse(handle, content_type=content_type_for(name), filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal: never kept on disk
    response["X-Content-Type-Options"] = "nosniff"
    return response
