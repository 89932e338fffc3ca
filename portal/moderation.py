"""What may not stand in a report's text: markup, and personal identifiers (phone, ID and e-mail).

`find_personal_data` is the one place that recognises identifiers in free text; everything in
this app that checks a text goes through it.
"""

import re

from django.utils.translation import gettext as _

from lib.identifiers import digit_identifiers

_CURRENCY_AFTER = re.compile(r"^\s*(?:đồng|đ\b|vnđ|vnd|triệu|nghìn|ngàn|k\b)", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;|javascript:", re.IGNORECASE)

EMAIL = "email"


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, what was found) for every phone number, ID number (9 or 12 digits) or e-mail address."""
    text = text or ""
    found: list[tuple[str, str]] = [(EMAIL, m.group()) for m in _EMAIL.finditer(text)]
    found += digit_identifiers(text, _EMAIL.sub(" ", text), _CURRENCY_AFTER)
    return found


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def redact(text: str) -> str:
    """The text with every identifier replaced by "…", a starting point for the published text."""
    for _kind, found in find_personal_data(text):
        text = text.replace(found, "…")
    return text


def problems_in_citizen_text(text: str) -> str | None:
    """Why a reporter's text is refused, or None."""
    if has_markup(text):
        return _("Write plain text only: HTML tags and codes are not accepted.")
    found = find_personal_data(text)
    if found:
        return _(
            "Do not write phone numbers, ID numbers or e-mail addresses in the text (found: %(found)s). "
            "If you want to be called back, use the phone field: it is never published."
        ) % {"found": found[0][1]}
    return None


def problems_in_public_text(text: str) -> str | None:
    """Why an officer's text, which will be published, is refused, or None."""
    if has_markup(text):
        return _("Write plain text only: HTML tags and codes are not accepted.")
    found = find_personal_data(text)
    if found:
        return _("This text is published: remove the phone number, ID number or e-mail address (%(found)s).") % {
            "found": found[0][1]
        }
    return None
