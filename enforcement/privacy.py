"""Refuse personal identifiers in text that will be published: ID card numbers (9 digits, or
12 for the citizen identity card) and Vietnamese phone numbers, however they are spaced.

Amounts of money ("15.000.000 đồng") and decision numbers ("123/QĐ-XPVPHC") pass."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.identifiers import ID_NUMBER, PHONE, digit_identifiers  # noqa: F401 - PHONE named here for callers

_CURRENCY_AFTER = re.compile(r"^\s*(?:đồng|đ\b|vnđ|vnd|triệu|nghìn|ngàn)", re.IGNORECASE)


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """(kind, what was found) for every phone or ID number in the text."""
    return digit_identifiers(text or "", text or "", _CURRENCY_AFTER)


def check_public_text(values: dict[str, str]) -> dict[str, str]:
    """One message per field holding a phone or ID number."""
    errors: dict[str, str] = {}
    for field, text in values.items():
        found = find_identifiers(text)
        if not found:
            continue
        kinds = {kind for kind, _found in found}
        if ID_NUMBER in kinds:
            errors[field] = _(
                "This text is published: remove the ID number (%(found)s). ID numbers are never disclosed."
            ) % {"found": found[0][1]}
        else:
            errors[field] = _(
                "This text is published: remove the phone number (%(found)s). Phone numbers are never disclosed."
            ) % {"found": found[0][1]}
    return errors


def require_public_text(values: dict[str, str]) -> None:
    errors = check_public_text(values)
    if errors:
        raise ValidationError(errors)
