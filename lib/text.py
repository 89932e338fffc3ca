"""Text helpers for Vietnamese: search that ignores diacritics and case."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form used for search: "Đắk R'Lấp" and "DAK R'LAP" both give "dak rlap"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    stripped = stripped.replace("-", " ")
    return _SPACES.sub(" ", _NOT_WORD.sub("", stripped)).strip()
