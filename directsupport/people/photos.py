"""Photos of people supported: checked by what is inside the file, cleaned, stored privately.

A file's name and the browser's content type say nothing reliable about what it holds, so we ask
Pillow. Only JPEG, PNG and WebP pictures are kept, and never as uploaded: each is re-encoded
(which drops EXIF data such as where the picture was taken), turned the right way up, made no
bigger than MAX_EDGE pixels, and saved under a random name in the private storage, which has no
public URL. The photo view serves it after an access check.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_FOLDER = "photos"
MAX_EDGE = 1200
# Refuse pictures with more pixels than a good phone camera makes (about 8000 by 6000): decoding
# them would use a lot of memory, and a small file can claim billions of pixels.
MAX_PHOTO_PIXELS = 50_000_000

# Pillow's format name -> (file extension, content type).
ALLOWED_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
CONTENT_TYPES = {extension: content_type for extension, content_type in ALLOWED_FORMATS.values()}

NOT_A_PICTURE = "The photo must be a JPEG, PNG or WebP picture. This file is not a picture."
DAMAGED = (
    "The photo must be a JPEG, PNG or WebP picture. This file could not be opened: it may be "
    "damaged. Try another picture."
)


@dataclass(frozen=True)
class PreparedPhoto:
    """A cleaned, re-encoded picture ready to store. Holds no metadata from the upload."""

    content: bytes
    extension: str
    content_type: str
    width: int
    height: int


def photo_storage() -> Storage:
    # Looked up on every call (not cached on the model field) so tests can point it elsewhere.
    return storages["private"]


def max_photo_megabytes() -> str:
    return f"{settings.MAX_PHOTO_BYTES / (1024 * 1024):g}"


def too_large_message() -> str:
    return f"The photo must be smaller than {max_photo_megabytes()} MB."


def prepare_photo(upload: IO[bytes], *, size: int | None) -> PreparedPhoto:
    """Check the upload is a real JPEG, PNG or WebP picture and return a clean copy of it.

    Raises ValidationError with a message for the person who chose the file.
    """
    if size is not None and size > settings.MAX_PHOTO_BYTES:
        raise ValidationError(too_large_message(), code="too_large")
    data = upload.read(settings.MAX_PHOTO_BYTES + 1)
    if len(data) > settings.MAX_PHOTO_BYTES:
        raise ValidationError(too_large_message(), code="too_large")
    if not data:
        raise ValidationError("The photo file is empty. Choose a picture.", code="empty")

    with warnings.catch_warnings():
        # Pillow warns (rather than refuses) at moderately huge pixel counts: refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image_format = _check_picture(data)
        image = _decode(data)
    extension, content_type = ALLOWED_FORMATS[image_format]
    try:
        clean = _clean(image, image_format)
        content = _encode(clean, image_format)
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    return PreparedPhoto(
        content=content,
        extension=extension,
        content_type=content_type,
        width=clean.width,
        height=clean.height,
    )


def _check_picture(data: bytes) -> str:
    """Open (headers only) and verify; return Pillow's format name if it is allowed."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format or ""
            _check_pixels(probe.width, probe.height)
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "The photo must be a JPEG, PNG or WebP picture. "
                    f"This file is a {image_format or 'different kind of'} picture.",
                    code="wrong_format",
                )
            probe.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except UnidentifiedImageError as error:
        raise ValidationError(NOT_A_PICTURE, code="not_a_picture") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    return image_format


def _decode(data: bytes) -> Image.Image:
    """Reopen after verify() (which leaves the image unusable) and decode every pixel."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    return image


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PHOTO_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        "The photo has too many pixels. Use a picture smaller than "
        f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels, or make it smaller first.",
        code="too_many_pixels",
    )


def _clean(image: Image.Image, image_format: str) -> Image.Image:
    """Turn it the right way up, shrink it, and copy only its pixels (no metadata at all)."""
    upright = ImageOps.exif_transpose(image) or image
    if image_format == "JPEG":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
    elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
    upright.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    # A copy made from the pixels alone: nothing of the upload's EXIF, GPS, XMP or comments.
    return Image.frombytes(upright.mode, upright.size, upright.tobytes())


def _encode(clean: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.save(out, "JPEG", quality=85, optimize=True)
    elif image_format == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=85)
    return out.getvalue()


def store_photo(photo: PreparedPhoto) -> str:
    """Save under a random name in the private storage; return the stored name."""
    name = f"{PHOTO_FOLDER}/{uuid.uuid4().hex}.{photo.extension}"
    return photo_storage().save(name, ContentFile(photo.content))


def delete_photo(name: str) -> None:
    if name:
        photo_storage().delete(name)


def open_photo(name: str) -> IO[bytes]:
    return photo_storage().open(name, "rb")


def content_type_for(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return CONTENT_TYPES.get(extension, "application/octet-stream")
