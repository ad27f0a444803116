"""A voice note given with feedback (coproduction) is in the person's copy of their information:
coproduction registers its feedback in the registry the export reads, and the copy carries the
file itself. Here, above both, so coproduction's own tests need not reach up to the export."""

from __future__ import annotations

import io
import zipfile

import pytest

from directsupport.coproduction.feedback.services import give_feedback
from directsupport.coproduction.tests.feedback_fixtures import on_today, upload, wav_bytes
from directsupport.subject_access.export import collect, write_zip

__all__ = ["on_today"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]


def test_the_voice_note_is_in_dees_copy_of_her_information(dee, person_user):
    voice_note = give_feedback(
        person=dee,
        given_by=person_user,
        attachment=upload(wav_bytes(), "my-news.wav"),
        actor=person_user,
    )
    out = io.BytesIO()
    write_zip(
        out,
        person=dee,
        sections=collect(dee),
        produced_by=None,
        produced_at=voice_note.given_at,
        request_id=None,
        with_pdf=False,
    )

    with zipfile.ZipFile(out) as copy:
        names = [
            name for name in copy.namelist() if name.startswith("files/coproduction.feedback/")
        ]
        assert len(names) == 1
        assert copy.read(names[0]) == wav_bytes()
