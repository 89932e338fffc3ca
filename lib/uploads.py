"""One checker for every uploaded file: each kind of file has one rule (its first bytes and the
name endings it may have), and a feature lists the kinds it accepts and its size limit. A file
is recognised by its content, so a renamed .exe, or an SVG (which can carry scripts) named
.png, is refused whatever its name says; a name that disagrees with the content is refused too.
"""

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    content_type: str
    endings: frozenset[str]
    matches: Callable[[bytes], bool]


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda head: any(head.startswith(signature) for signature in signatures)


_ZIP = _starts(b"PK\x03\x04")  # Office Open XML files are zip archives

KINDS: dict[str, Kind] = {
    "jpeg": Kind("image/jpeg", frozenset({".jpg", ".jpeg", ".jpe"}), _starts(b"\xff\xd8\xff")),
    "png": Kind("image/png", frozenset({".png"}), _starts(b"\x89PNG\r\n\x1a\n")),
    "gif": Kind("image/gif", frozenset({".gif"}), _starts(b"GIF87a", b"GIF89a")),
    "webp": Kind("image/webp", frozenset({".webp"}), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "pdf": Kind("application/pdf", frozenset({".pdf"}), _starts(b"%PDF-")),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", frozenset({".docx"}), _ZIP),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", frozenset({".xlsx"}), _ZIP),
    "doc": Kind("application/msword", frozenset({".doc"}), _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    "mp3": Kind("audio/mpeg", frozenset({".mp3"}), _starts(b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    "mp4": Kind("video/mp4", frozenset({".mp4"}), lambda head: head[4:8] == b"ftyp"),
}
IMAGES = ("jpeg", "png", "gif", "webp")
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


class FileTooLarge(ValidationError):
    """The file is over the size limit (HTTP 413)."""


def detect(head: bytes, kinds: Iterable[str] = KINDS) -> str | None:
    """The content type the first bytes show, among the given kinds; None for anything else."""
    return next((KINDS[name].content_type for name in kinds if KINDS[name].matches(head)), None)


def display_name(name: str) -> str:
    """The file's own name without folders or odd characters, for showing in lists."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    cleaned = _UNSAFE_NAME.sub("_", base)[-120:]
    return cleaned or "file"


def _megabytes(size: float) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",").removesuffix(",0")


def check_upload(upload: Any, kinds: Iterable[str], *, max_bytes: int, field: str = "file") -> str:
    """The upload's content type if it is one of `kinds`, within `max_bytes`, named as its
    content is; ValidationError on `field` otherwise (FileTooLarge when too big)."""
    allowed = [KINDS[name] for name in kinds]
    size = getattr(upload, "size", None)
    if size is None:
        raise ValidationError({field: _("No file was sent.")})
    if size > max_bytes:
        raise FileTooLarge(
            {
                field: _("The file is %(size)s MB; at most %(limit)s MB is accepted.")
                % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
            }
        )
    if size == 0:
        raise ValidationError({field: _("The file is empty.")})
    handle: IO[bytes] = upload
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    found = [kind for kind in allowed if kind.matches(head)]
    if not found:
        endings = sorted(ending for kind in allowed for ending in kind.endings)
        raise ValidationError({field: _("Allowed files: %(types)s.") % {"types": ", ".join(endings)}})
    ending = os.path.splitext(display_name(getattr(upload, "name", "")))[1].lower()
    named = next((kind for kind in found if ending in kind.endings), None)
    if named is None:
        raise ValidationError(
            {
                field: _("The file's name ends in “%(ending)s” but its content is %(type)s.")
                % {"ending": ending or "—", "type": found[0].content_type}
            }
        )
    return named.content_type
