"""Vietnamese number plates of goods vehicles: "48C-123.45" (five digits) or "48C-1234" (old, four).

The local codes and series accepted are data (zones/data/plates.json). Spaces, dashes, dots and
case are forgiven when typing; the plate is stored in its printed form.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data" / "plates.json"
_SHAPE = re.compile(r"^(\d{2})([A-Z]{1,2})(\d{4,5})$")


class PlateInvalid(ValueError):
    pass


@cache
def _table() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(data["province_codes"]), frozenset(data["series"])


def normalise_plate(text: str) -> str:
    """The plate as printed ("48C-123.45"), or PlateInvalid with a message saying what is wrong."""
    compact = re.sub(r"[\s.\-]", "", (text or "").upper())
    match = _SHAPE.match(compact)
    if not match:
        raise PlateInvalid(
            _(
                "%(plate)s is not a Vietnamese number plate: two digits of the locality, the series letter, "
                "then four or five digits, e.g. 48C-123.45."
            )
            % {"plate": text.strip() or "—"}
        )
    local, series, digits = match.groups()
    codes, all_series = _table()
    if local not in codes:
        raise PlateInvalid(_("%(code)s is not the code of a locality on number plates.") % {"code": local})
    if series not in all_series:
        raise PlateInvalid(_("%(series)s is not a series of number plates.") % {"series": series})
    number = f"{digits[:3]}.{digits[3:]}" if len(digits) == 5 else digits
    return f"{local}{series}-{number}"
