"""What may not stand in a report's text: markup, and personal identifiers (phone, ID and e-mail).

Identifiers are recognised by `lib.privacy`, the project's one check for text that can become
public; this module adds what is particular to reports (markup, the messages to citizens).
"""

import re

from django.utils.translation import gettext as _

from lib import privacy

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;|javascript:", re.IGNORECASE)


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, what was found) for every phone number, ID number or e-mail address: the
    project's one recogniser (lib/privacy.py), however the number is written."""
    return [(finding.kind, finding.text) for finding in privacy.find_personal_data(text)]


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def redact(text: str) -> str:
    """The text with every identifier replaced by "…", a starting point for the published text."""
    text = privacy.normalise(text)
    for _kind, found in find_personal_data(text):
        text = text.replace(found, "…")
    return text


def markup_problem(text: str) -> str | None:
    """Why a text with markup is refused, or None."""
    if has_markup(text):
        return _("Write plain text only: HTML tags and codes are not accepted.")
    return None


def _problem(text: str, personal_data: str) -> str | None:
    """Why the text is refused: its markup, or `personal_data` naming (as %(found)s) the first
    identifier found; or None."""
    problem = markup_problem(text)
    if problem is None and (found := find_personal_data(text)):
        problem = personal_data % {"found": found[0][1]}
    return problem


def problems_in_citizen_text(text: str) -> str | None:
    """Why a reporter's text is refused, or None."""
    return _problem(
        text,
        _(
            "Do not write phone numbers, ID numbers or e-mail addresses in the text (found: %(found)s). "
            "If you want to be called back, use the phone field: it is never published."
        ),
    )


def problems_in_public_text(text: str) -> str | None:
    """Why an officer's text, which will be published, is refused, or None."""
    return _problem(
        text, _("This text is published: remove the phone number, ID number or e-mail address (%(found)s).")
    )
