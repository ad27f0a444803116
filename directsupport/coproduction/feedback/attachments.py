"""Voice notes and pictures added to feedback: checked by what is inside the file, stored privately.

A file's name and the content type the browser sends say nothing reliable about what it holds,
so the first bytes decide. A voice note is kept as it came (it cannot be cleaned without
re-encoding the sound) but only when its first bytes are those of a sound file a browser can
play: MP3, M4A (AAC in MP4), OGG (Opus or Vorbis), WAV or WebM. A picture goes through the
people app's photo cleaning (people/photos.py): re-encoded by Pillow, so nothing of where or when
it was taken is kept. Both are saved under a random name in the private storage, which has no
public URL; the feedback attachment view serves them after an access check.

The size limits are settings (``FEEDBACK_MAX_AUDIO_BYTES``, ``FEEDBACK_MAX_IMAGE_BYTES``); the
defaults are 10 MB for a voice note (about ten minutes from a phone) and 5 MB for a picture (the
photo limit, ``MAX_PHOTO_BYTES``, which the cleaning also applies).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from directsupport.people.photos import prepare_photo

from ..models import AttachmentKind

FEEDBACK_FOLDER = "feedback"
DEFAULT_MAX_AUDIO_BYTES = 10 * 1024 * 1024

ACCEPTED = "a voice note (MP3, M4A, OGG, WAV or WebM sound) or a picture (JPEG, PNG or WebP)"
NOT_ACCEPTED = (
    f"This file is not a voice note or a picture we can use. Add {ACCEPTED}, or leave it out."
)
EMPTY = f"The file is empty. Add {ACCEPTED}, or leave it out."
HEIC = (
    "This picture is in the iPhone's HEIC format, which we cannot show. Add a JPEG, PNG or WebP "
    "picture instead (on an iPhone, share it as 'Most compatible'), or leave it out."
)

# The first bytes of each picture format the photo cleaning accepts.
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# MP4 brands of sound files (and of general MP4 files, which phones use for voice memos too).
MP4_AUDIO_BRANDS = frozenset(
    {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"iso5", b"iso6", b"dash", b"3gp4"}
)


@dataclass(frozen=True)
class PreparedAttachment:
    """A checked file ready to store: what it is, how to serve it, and its bytes."""

    kind: str
    content: bytes
    extension: str
    content_type: str


def attachment_storage() -> Storage:
    # Looked up on every call so tests can point the private storage at a temporary folder.
    return storages["private"]


def max_audio_bytes() -> int:
    return int(getattr(settings, "FEEDBACK_MAX_AUDIO_BYTES", DEFAULT_MAX_AUDIO_BYTES))


def max_image_bytes() -> int:
    return int(getattr(settings, "FEEDBACK_MAX_IMAGE_BYTES", settings.MAX_PHOTO_BYTES))


def megabytes(size: int) -> str:
    """'10 MB', '2.4 MB', '16 KB': sizes as people read them."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _too_large(what: str, size: int, limit: int) -> ValidationError:
    return ValidationError(
        f"This {what} is {megabytes(size)}. A {what} must be {megabytes(limit)} or smaller. "
        "Choose a shorter one, or a smaller one.",
        code="too_large",
    )


def sniff_audio(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) of a sound file a browser plays, from its first bytes."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav", "audio/wav"
    if head[:4] == b"OggS":
        return "ogg", "audio/ogg"
    if head[:3] == b"ID3":
        return "mp3", "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:
        layer = head[1] & 0x06
        if layer == 0x00:  # the MPEG sync word with layer bits 00: AAC in ADTS frames
            return "aac", "audio/aac"
        if layer == 0x02:  # layer III: MP3 without an ID3 tag
            return "mp3", "audio/mpeg"
        return None
    if head[4:8] == b"ftyp" and head[8:12] in MP4_AUDIO_BRANDS:
        return "m4a", "audio/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "webm", "audio/webm"
    return None


def _is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _is_heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc")


def prepare_attachment(upload: IO[bytes], *, size: int | None) -> PreparedAttachment:
    """Check an uploaded voice note or picture by its content and size; return what to store.

    Raises ValidationError with a message for the person who chose the file, naming what is
    accepted or the size allowed.
    """
    limit = max(max_audio_bytes(), max_image_bytes())
    data = upload.read(limit + 1)
    if not data:
        raise ValidationError(EMPTY, code="empty")
    head = data[:64]
    audio = sniff_audio(head)
    if audio is not None:
        total = max(size or 0, len(data))
        if total > max_audio_bytes():
            raise _too_large("voice note", total, max_audio_bytes())
        extension, content_type = audio
        return PreparedAttachment(
            kind=AttachmentKind.AUDIO,
            content=data,
            extension=extension,
            content_type=content_type,
        )
    if _is_image(head):
        total = max(size or 0, len(data))
        if total > max_image_bytes():
            raise _too_large("picture", total, max_image_bytes())
        photo = prepare_photo(io.BytesIO(data), size=len(data))
        return PreparedAttachment(
            kind=AttachmentKind.IMAGE,
            content=photo.content,
            extension=photo.extension,
            content_type=photo.content_type,
        )
    if _is_heic(head):
        raise ValidationError(HEIC, code="heic")
    raise ValidationError(NOT_ACCEPTED, code="not_accepted")


def store_attachment(prepared: PreparedAttachment) -> str:
    """Save under a random name in the private storage; return the stored name."""
    name = f"{FEEDBACK_FOLDER}/{uuid.uuid4().hex}.{prepared.extension}"
    return attachment_storage().save(name, ContentFile(prepared.content))


def delete_attachment(name: str) -> None:
    if name:
        attachment_storage().delete(name)


def open_attachment(name: str) -> IO[bytes]:
    return attachment_storage().open(name, "rb")
