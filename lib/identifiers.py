"""Phone and ID numbers in free text, however they are spaced: what the checks of published text
(violations) and of citizens' reports (portal) both refuse."""

import re

# A run of digits that may be broken by spaces, dots, dashes or brackets ("0912 345 678",
# "(0261) 3544 123", "079.201.001.234"), with an optional leading "+".
DIGIT_RUN = re.compile(r"\+?\d(?:[ .\-()]{0,2}\d)+")
PHONE, ID_NUMBER = "phone", "id_number"


def is_phone(raw: str, digits: str) -> bool:
    """+84 and 9–10 digits, 84 and 9 digits, or a 0 and 9–10 digits (mobile and landline)."""
    if raw.startswith("+84"):
        return 9 <= len(digits) - 2 <= 10
    return (digits.startswith("84") and len(digits) == 11) or (digits.startswith("0") and len(digits) in (10, 11))


def digit_identifiers(text: str, scanned: str, currency_after: re.Pattern[str]) -> list[tuple[str, str]]:
    """(kind, what was found) for every phone or ID number (9 or 12 digits) in `scanned` (the text,
    or the text with some parts blanked), unless `currency_after` matches what follows it in `text`."""
    found: list[tuple[str, str]] = []
    for match in DIGIT_RUN.finditer(scanned):
        raw = match.group().strip(" .-()")
        digits = re.sub(r"\D", "", raw)
        if currency_after.match(text[match.end() :]):
            continue
        if is_phone(raw, digits):
            found.append((PHONE, raw))
        elif len(digits) in (9, 12):
            found.append((ID_NUMBER, raw))
    return found
