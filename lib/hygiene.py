"""Characters no input may carry: control characters (tab, newline and carriage return are
allowed in text) and unpaired UTF-16 surrogates. They break exports, databases and other
programs that read our data, and nobody types them on purpose.

Checked at the edge, once: `phongdich.middleware.InputHygieneMiddleware` for query strings and
API bodies (422), and every form's text fields (a form error) through `validate_text`.
"""

import unicodedata
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_CONTROLS = "\t\n\r"


def refused_character(text: str, *, allow: str = ALLOWED_CONTROLS) -> str | None:
    """The first character the text may not carry, or None."""
    for char in text:
        if char in allow:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def message_for(char: str) -> str:
    return _("This text holds an invisible control character (%(code)s); remove it and try again.") % {
        "code": describe(char)
    }


def validate_text(value: Any) -> None:
    """A form field validator: a form error naming the refused character."""
    if isinstance(value, str) and (char := refused_character(value)) is not None:
        raise ValidationError(message_for(char), code="control_character")


def refused_in(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, character) for every string, key or value, in decoded JSON that carries one."""
    if isinstance(data, str):
        if (char := refused_character(data)) is not None:
            yield path, char
    elif isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (char := refused_character(key)) is not None:
                yield where, char
            yield from refused_in(value, where)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from refused_in(value, f"{path}.{index}" if path else str(index))
