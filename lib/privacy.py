"""The one check for personal data in text that will be published.

Every free text that can reach the public (a violation's act, a zone's justification, a public
document's text, a citizen's report) goes through `check_public_text` before it is saved. It
refuses Vietnamese phone numbers (mobile and landline, with or without +84/84), ID numbers (the
9-digit identity card and the 12-digit citizen identity card) and e-mail addresses, however they
are written: the text is first normalised (Unicode NFKC, so full-width digits become ASCII;
invisible characters removed; every kind of decimal digit read as a digit), and a number may be
broken by any separators — spaces, dashes of every width, dots, slashes, brackets, commas.

What passes: amounts of money ("2.000.000 đồng", "150000000đ"), dates ("12/05/2021"), years,
decision and legal numbers ("123/QĐ-XPVPHC", "117/2020/NĐ-CP"), counts. One documented limit: a
nine-digit number that ends in 000 and is written as an amount followed by a currency word
("245.123.000 đồng") is read as money.
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

PHONE, ID_NUMBER, EMAIL = "phone", "id_number", "email"

# Characters that may sit between the digits of one number: anything that is neither a letter
# nor a digit, except a colon (times) and "@" (e-mail); at most this many in a row.
_MAX_SEPARATORS = 8
_LONGEST = 14  # digits of the longest identifier: "0084" and a landline number

_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|₫|nghìn|ngàn|triệu|tỷ)(?!\w)", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+\s*@\s*[\w\-]+(?:\s*\.\s*[\w\-]+)+")
# Readings of a digit group that are not identifiers. A whole run must be made of them to pass.
_DATE = r"(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:19|20)\d\d"
_YEAR = r"(?:19|20)\d\d"
_MONEY = r"[1-9]\d{0,2}(?:\.\d{3})*\.000|[1-9]\d{0,2}(?:,\d{3})*,000|[1-9]\d{0,6}000"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str


def _is_separator(char: str) -> bool:
    return not char.isalnum() and char not in ":@+"


def normalise(text: str) -> str:
    """NFKC, invisible format characters removed, every decimal digit as an ASCII digit."""
    text = unicodedata.normalize("NFKC", text or "")
    chars = []
    for char in text:
        if unicodedata.category(char) == "Cf":
            continue
        if char.isdecimal() and not char.isascii():
            char = str(unicodedata.decimal(char))
        chars.append(char)
    return "".join(chars)


def _runs(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Each run of digit groups joined by separators: (start, end, [(group start, group end)])."""
    runs: list[tuple[int, int, list[tuple[int, int]]]] = []
    i, n = 0, len(text)
    while i < n:
        if not text[i].isdigit():
            i += 1
            continue
        start = i - 1 if i > 0 and text[i - 1] == "+" else i
        groups: list[tuple[int, int]] = []
        while True:
            group_start = i
            while i < n and text[i].isdigit():
                i += 1
            groups.append((group_start, i))
            j = i
            while j < n and j - i < _MAX_SEPARATORS and _is_separator(text[j]):
                j += 1
            if j < n and j > i and text[j].isdigit():
                i = j
                continue
            if j < n and text[j] == "+" and j + 1 < n and text[j + 1].isdigit():
                i = j + 1
                continue
            break
        runs.append((start, i, groups))
    return runs


def _harmless_pattern(tokens: str) -> re.Pattern[str]:
    # Atomic groups: each token is read once, so a long run cannot make the match backtrack.
    return re.compile(rf"(?>{tokens})(?:[^\w:@+]{{1,{_MAX_SEPARATORS}}}(?>{tokens}))*")


_HARMLESS = _harmless_pattern(f"{_DATE}|{_YEAR}")
_HARMLESS_BEFORE_CURRENCY = _harmless_pattern(f"{_DATE}|{_MONEY}|{_YEAR}")


def _harmless(text: str, start: int, end: int) -> bool:
    """The run reads as dates, years and amounts of money (amounts only before a currency word)."""
    pattern = _HARMLESS_BEFORE_CURRENCY if _CURRENCY.match(text, end) else _HARMLESS
    return pattern.fullmatch(text, start, end) is not None


def _phone(digits: str, plus: bool) -> bool:
    """A 0 and a mobile (03/05/07/08/09 + 8 digits) or landline (02 + 9 digits) number, or
    the same after 84, +84 or 0084 instead of the 0."""
    if digits.startswith("0084"):
        digits, plus = digits[2:], True
    if digits.startswith("84") and (plus or len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    return (len(digits) == 10 and digits[:2] in ("03", "05", "07", "08", "09")) or (
        len(digits) == 11 and digits[:2] == "02"
    )


def find_personal_data(text: str) -> list[Finding]:
    """Every phone number, ID number and e-mail address in the text, as the normalised text has them."""
    text = normalise(text)
    found = [Finding(EMAIL, match.group()) for match in _EMAIL.finditer(text)]
    text = _EMAIL.sub(" ", text)
    for start, end, groups in _runs(text):
        if _harmless(text, start, end):
            continue
        plus = text[start] == "+"
        phones: list[tuple[int, int]] = []
        ids: list[tuple[int, int]] = []
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += text[groups[last][0] : groups[last][1]]
                if len(digits) > _LONGEST:
                    break
                span = (start if first == 0 else groups[first][0], groups[last][1])
                if _phone(digits, plus and first == 0):
                    phones.append(span)
                elif len(digits) in (9, 12):
                    ids.append(span)
        for span in phones:
            found.append(Finding(PHONE, text[span[0] : span[1]]))
        # A number already read as a phone is not also an ID; of overlapping IDs, the longest.
        taken = list(phones)
        for span in sorted(ids, key=lambda s: s[0] - s[1]):
            if all(span[1] <= other[0] or span[0] >= other[1] for other in taken):
                taken.append(span)
                found.append(Finding(ID_NUMBER, text[span[0] : span[1]]))
    return found


def _label(model: type[Model] | None, field: str) -> str:
    if model is None:
        return field
    try:
        return str(getattr(model._meta.get_field(field), "verbose_name", field))
    except FieldDoesNotExist:
        return field


def check_public_text(values: Mapping[str, str | None], model: type[Model] | None = None) -> dict[str, str]:
    """One message per field holding personal data, naming what was found and the field (its
    label from `model` when given)."""
    errors: dict[str, str] = {}
    for field, text in values.items():
        found = find_personal_data(text or "")
        if not found:
            continue
        first = next((f for f in found if f.kind == PHONE), None) or found[0]
        shown = first.text if len(first.text) <= 60 else first.text[:57] + "…"
        params = {"found": shown, "field": _label(model, field)}
        if first.kind == PHONE:
            message = _(
                "This text is published: remove the phone number (%(found)s) from “%(field)s”. "
                "Phone numbers are never disclosed."
            )
        elif first.kind == EMAIL:
            message = _(
                "This text is published: remove the e-mail address (%(found)s) from “%(field)s”. "
                "E-mail addresses are never disclosed."
            )
        else:
            message = _(
                "This text is published: remove the ID number (%(found)s) from “%(field)s”. "
                "ID numbers are never disclosed."
            )
        errors[field] = message % params
    return errors


def require_public_text(values: Mapping[str, str | None], model: type[Model] | None = None) -> None:
    """ValidationError (one message per field) when any of the texts holds personal data."""
    errors = check_public_text(values, model)
    if errors:
        raise ValidationError(errors)
