"""The person's page in easy read: short sentences, a picture beside each idea, read aloud."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from directsupport.audit.services import record_view

from ..access import get_person_for_user


def easy_read(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)  # type: ignore[arg-type]
    record_view(request, person_id=person.pk, subject=person, summary="Easy-read page")
    return render(request, "people/detail.html", {"person": person})
