"""Photos and documents attached to inspections and violations: images and PDF only, at most
5 MB, recognised by their first bytes — a renamed .exe or an SVG (which can carry scripts) is
refused whatever its name says."""

import os
import re
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024

# content type, how its first bytes look, the file name endings it may have
KINDS: list[tuple[str, tuple[bytes, ...], frozenset[str]]] = [
    ("image/jpeg", (b"\xff\xd8\xff",), frozenset({".jpg", ".jpeg", ".jpe"})),
    ("image/png", (b"\x89PNG\r\n\x1a\n",), frozenset({".png"})),
    ("image/gif", (b"GIF87a", b"GIF89a"), frozenset({".gif"})),
    ("image/webp", (), frozenset({".webp"})),  # RIFF....WEBP, checked below
    ("application/pdf", (b"%PDF-",), frozenset({".pdf"})),
]
ALLOWED_ENDINGS = sorted(ending for _type, _magic, endings in KINDS for ending in endings)
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


class FileTooLarge(ValidationError):
    """The file is over the size limit (HTTP 413 in the API)."""


def detect(head: bytes) -> str | None:
    """The content type the first bytes show, among the allowed ones; None for anything else."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for content_type, signatures, _endings in KINDS:
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def display_name(name: str) -> str:
    """The file's own name without folders or odd characters, for showing in lists."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    cleaned = _UNSAFE_NAME.sub("_", base)[-120:]
    return cleaned or "file"


def check_upload(upload: Any, field: str = "file") -> str:
    """The upload's content type, or ValidationError (FileTooLarge when too big) naming the field."""
    size = getattr(upload, "size", None)
    if size is None:
        raise ValidationError({field: _("No file was sent.")})
    if size > MAX_BYTES:
        raise FileTooLarge(
            {field: _("The file is %(size)s MB; at most 5 MB is accepted.") % {"size": f"{size / 1024 / 1024:.1f}"}}
        )
    if size == 0:
        raise ValidationError({field: _("The file is empty.")})
    handle: IO[bytes] = upload
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    content_type = detect(head)
    if content_type is None:
        raise ValidationError({field: _("Only photos (JPEG, PNG, GIF, WebP) and PDF files are accepted.")})
    ending = os.path.splitext(display_name(getattr(upload, "name", "")))[1].lower()
    endings = next(endings for kind, _magic, endings in KINDS if kind == content_type)
    if ending not in endings:
        raise ValidationError(
            {
                field: _("The file's name ends in “%(ending)s” but its content is %(type)s.")
                % {"ending": ending or "—", "type": content_type}
            }
        )
    return content_type
