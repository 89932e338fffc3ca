"""Refuse personal identifiers in text that will be published: ID card numbers (9 digits, or
12 for the citizen identity card) and Vietnamese phone numbers, however they are spaced.

Amounts of money ("15.000.000 đồng") and decision numbers ("123/QĐ-XPVPHC") pass."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A run of digits that may be broken by spaces, dots, dashes or brackets ("0912 345 678",
# "(0261) 3544 123", "079.201.001.234"), with an optional leading "+".
_DIGIT_RUN = re.compile(r"\+?\d(?:[ .\-()]{0,2}\d)+")
_CURRENCY_AFTER = re.compile(r"^\s*(?:đồng|đ\b|vnđ|vnd|triệu|nghìn|ngàn)", re.IGNORECASE)
PHONE, ID_NUMBER = "phone", "id_number"


def _is_phone(raw: str, digits: str) -> bool:
    """+84 and 9–10 digits, 84 and 9 digits, or a 0 and 9–10 digits (mobile and landline)."""
    if raw.startswith("+84"):
        return 9 <= len(digits) - 2 <= 10
    return (digits.startswith("84") and len(digits) == 11) or (digits.startswith("0") and len(digits) in (10, 11))


def find_identifiers(text: str) -> list[tuple[str, str]]:
    """(kind, what was found) for every phone or ID number in the text."""
    found: list[tuple[str, str]] = []
    for match in _DIGIT_RUN.finditer(text or ""):
        raw = match.group().strip(" .-()")
        digits = re.sub(r"\D", "", raw)
        if _CURRENCY_AFTER.match(text[match.end() :]):
            continue
        if _is_phone(raw, digits):
            found.append((PHONE, raw))
        elif len(digits) in (9, 12):
            found.append((ID_NUMBER, raw))
    return found


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
