"""A person's photo, served only through this access-checked view (never from a public URL).

Not audited on its own (marked @part_of_an_audited_page): the photo is only shown on pages
about the person, and each of those pages writes its own audit row. A row per image would bury
the page views in "who looked".
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.reads import part_of_an_audited_page

from ..access import get_person_photo_for_user
from ..photos import content_type_for, open_photo


@part_of_an_audited_page
def person_photo(request: AuthenticatedRequest, pk: int) -> FileResponse:
    user = request.user
    person = get_person_photo_for_user(user, pk)
    name = person.photo.name
    if not name:
        raise Http404("No photo")
    try:
        handle = open_photo(name)
    except FileNotFoundError as error:
        raise Http404("Photo file missing") from error
    extension = name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle, content_type=content_type_for(name), filename=f"photo.{extension}"
    )
    response["Content-Disposition"] = f'inline; filename="photo.{extension}"'
    # A person's photo is never kept by a browser or proxy (a shared office computer).
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
