"""Meeting papers: checked by what is inside the file, stored privately under a random name.

A file's name and the browser's content type say nothing reliable about what it holds, so the
first bytes decide. Papers may be PDF documents or PNG and JPEG pictures (easy-read papers are
often a page of pictures). Word files are refused: they cannot be checked as simply and may
carry macros, and every office program can save a PDF. A PDF that asks to run a script or start
a program is refused too. Pictures are re-encoded from their pixels alone, which drops what the
camera recorded (where it was taken, say). Everything is kept in the private storage, which has
no public URL, and served only by the access-checked ``meeting_paper`` view.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from PIL import Image, ImageOps, UnidentifiedImageError

PAPER_FOLDER = "panel-papers"
MAX_PAPER_BYTES = 10 * 1024 * 1024
MAX_PICTURE_PIXELS = 50_000_000
PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# Names in a PDF that run something when it is opened. (The short "/JS" is left out: three bytes
# turn up by chance in compressed pictures; a script action is named "/JavaScript" as well.)
PDF_ACTIONS = (b"/JavaScript", b"/Launch", b"/EmbeddedFile")

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
WHAT_IS_ALLOWED = "A paper must be a PDF, or a PNG or JPEG picture."
NOT_ALLOWED = (
    f"{WHAT_IS_ALLOWED} This file is not one of those. A Word document can be saved as a PDF "
    "first (File, then Save as, then PDF)."
)
DAMAGED = f"{WHAT_IS_ALLOWED} This file could not be opened: it may be damaged."
TOO_LARGE = f"The paper must be smaller than {MAX_PAPER_BYTES // (1024 * 1024)} MB."
EMPTY = "The paper file is empty. Choose the file again."
ACTIVE_PDF = (
    "This PDF contains a script or asks to start a program, so it cannot be shared. Save it as "
    "a PDF again without those (for example with 'Print to PDF')."
)


@dataclass(frozen=True)
class PreparedPaper:
    content: bytes
    extension: str
    content_type: str


def paper_storage() -> Storage:
    # Looked up on every call (not kept) so tests can point it at a temporary folder.
    return storages["private"]


def prepare_paper(upload: IO[bytes], *, size: int | None) -> PreparedPaper:
    """Check the upload and return what to store. Raises ValidationError with a message for the
    person who chose the file."""
    if size is not None and size > MAX_PAPER_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    data = upload.read(MAX_PAPER_BYTES + 1)
    if len(data) > MAX_PAPER_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    if not data:
        raise ValidationError(EMPTY, code="empty")
    if data.startswith(PDF_MAGIC):
        return _checked_pdf(data)
    if data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        return _clean_picture(data)
    raise ValidationError(NOT_ALLOWED, code="wrong_type")


def _checked_pdf(data: bytes) -> PreparedPaper:
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(DAMAGED, code="damaged")
    if any(action in data for action in PDF_ACTIONS):
        raise ValidationError(ACTIVE_PDF, code="active_pdf")
    return PreparedPaper(content=data, extension="pdf", content_type=CONTENT_TYPES["pdf"])


def _clean_picture(data: bytes) -> PreparedPaper:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                if probe.width * probe.height > MAX_PICTURE_PIXELS:
                    raise ValidationError(DAMAGED, code="too_many_pixels")
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,  # it starts like a PNG or JPEG, but is not a whole one
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    if image_format not in ("PNG", "JPEG"):
        raise ValidationError(NOT_ALLOWED, code="wrong_type")
    upright = ImageOps.exif_transpose(image) or image
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif image_format == "PNG" and upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA")
    # A copy made from the pixels alone: nothing of the upload's EXIF, GPS or comments.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.save(out, "JPEG", quality=90, optimize=True)
        extension = "jpg"
    else:
        clean.save(out, "PNG", optimize=True)
        extension = "png"
    return PreparedPaper(
        content=out.getvalue(), extension=extension, content_type=CONTENT_TYPES[extension]
    )


def store_paper(paper: PreparedPaper) -> str:
    name = f"{PAPER_FOLDER}/{uuid.uuid4().hex}.{paper.extension}"
    return paper_storage().save(name, ContentFile(paper.content))


def delete_paper(name: str) -> None:
    if name:
        paper_storage().delete(name)


def open_paper(name: str) -> IO[bytes]:
    return paper_storage().open(name, "rb")
