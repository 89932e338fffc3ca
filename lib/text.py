"""Text helpers for Vietnamese: search that ignores diacritics and case."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "-": " "})


def fold(text: str) -> str:
    """Lower-case ASCII form used for search: "Đắk R'Lấp" and "DAK R'LAP" both give "dak rlap".
    Decomposed, the accents are the non-ASCII part, dropped with every other non-ASCII sign."""
    plain = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode().lower()
    return " ".join(_NOT_WORD.sub("", plain).split())
