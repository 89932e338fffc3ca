"""Photos sent with a report: images only, recognised by their content, at most 5 MB each, at most
three; re-encoded as JPEG so that no EXIF data (camera, time, GPS location) is kept."""

from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger is a decompression bomb, not a phone photo
MAX_SIDE = 2000
FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def clean_photo(upload: Any) -> ContentFile:
    """The photo without metadata as JPEG, or ValidationError saying what is wrong with it."""
    name = getattr(upload, "name", "") or _("the photo")
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s MB; at most 5 MB per photo.") % {"name": name, "size": f"{size / 1024 / 1024:.1f}"}
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    not_image = ValidationError(_("%(name)s is not a photo (JPEG, PNG, GIF or WebP).") % {"name": name})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in FORMATS:
                raise not_image
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("%(name)s is too large an image.") % {"name": name})
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            image: Image.Image = ImageOps.exif_transpose(opened).convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = BytesIO()
            image.save(out, format="JPEG", quality=85)  # no exif= argument: nothing of the original kept
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise not_image from None
    return ContentFile(out.getvalue(), name="photo.jpg")


def clean_photos(uploads: list[Any]) -> list[ContentFile]:
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError({"photos": _("At most %(n)d photos.") % {"n": MAX_PHOTOS}})
    errors: list[str] = []
    cleaned: list[ContentFile] = []
    for upload in uploads:
        try:
            cleaned.append(clean_photo(upload))
        except ValidationError as invalid:
            errors.extend(invalid.messages)
    if errors:
        raise ValidationError({"photos": errors})
    return cleaned
