"""The signed code in a permit's QR: HMAC with SECRET_KEY (django.core.signing) over the number,
plate and validity, so a code cannot be made up or extended by editing its text. What a code
says is checked against the permit as it is now, so a revocation applies at the next scan.

A checkpoint without a camera types the permit's number or the vehicle's plate instead: that is
looked up, never called forged — only a signed code whose signature does not match is."""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import GoodsPermit, PermitStatus
from .plates import PlateInvalid, normalise_plate

SALT = "zones.goods-permit"
MAX_CODE_LENGTH = 1000


class Result:
    VALID = "valid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    FORGED = "forged"
    NOT_FOUND = "not_found"


RESULT_COLOURS = {
    Result.VALID: ("#198754", "#ffffff"),
    Result.NOT_YET_VALID: ("#F28E12", "#212529"),
    Result.EXPIRED: ("#F28E12", "#212529"),
    Result.REVOKED: ("#6c757d", "#ffffff"),
    Result.FORGED: ("#DA1E28", "#ffffff"),
    Result.NOT_FOUND: ("#495057", "#ffffff"),
}


def sign(permit: GoodsPermit) -> str:
    payload = [permit.number, permit.plate, permit.valid_from.isoformat(), permit.valid_until.isoformat()]
    return signing.dumps(payload, salt=SALT, compress=True)


@dataclass
class Verification:
    result: str
    message: str
    permit: GoodsPermit | None = None

    @property
    def colour(self) -> str:
        return RESULT_COLOURS[self.result][0]

    @property
    def text_colour(self) -> str:
        return RESULT_COLOURS[self.result][1]

    @property
    def label(self) -> str:
        return str(
            {
                Result.VALID: _("Valid"),
                Result.NOT_YET_VALID: _("Not valid yet"),
                Result.EXPIRED: _("Expired"),
                Result.REVOKED: _("Revoked"),
                Result.FORGED: _("Forged"),
                Result.NOT_FOUND: _("Not found"),
            }[self.result]
        )


def code_from(text: str) -> str:
    """The code itself, from the code or from the whole checkpoint address a QR scan gives."""
    text = (text or "").strip()
    if "?" in text and "code=" in text:
        values = parse_qs(urlsplit(text).query).get("code")
        if values:
            return values[0].strip()
    return text


_NUMBER = re.compile(r"^LX([A-Z0-9]{8})$")


def is_signed_code(code: str) -> bool:
    """A signed code always holds the signer's ":" separator; a number or a plate never does."""
    return ":" in code


def verify(text: str, today: date | None = None) -> Verification:
    today = today or timezone.localdate()
    code = code_from(text)
    if len(code) > MAX_CODE_LENGTH:
        return Verification(Result.NOT_FOUND, _("This is not a permit code, number or number plate."))
    if not is_signed_code(code):
        return look_up(code, today)
    try:
        payload = signing.loads(code, salt=SALT)
    except signing.BadSignature:
        return Verification(Result.FORGED, _("The code was not issued by this system or has been altered."))
    if not (isinstance(payload, list) and len(payload) == 4 and all(isinstance(p, str) for p in payload)):
        return Verification(Result.FORGED, _("This is not a permit code."))
    number, plate, valid_from, valid_until = payload
    permit = GoodsPermit.objects.select_related("goods_type").filter(number=number).first()
    if permit is None:
        return Verification(Result.REVOKED, _("This permit is no longer on record."))
    printed = (permit.plate, permit.valid_from.isoformat(), permit.valid_until.isoformat())
    if printed != (plate, valid_from, valid_until):
        return Verification(
            Result.REVOKED, _("This permit was changed after it was printed: the code no longer applies."), permit
        )
    return _state(permit, today)


def look_up(typed: str, today: date) -> Verification:
    """A permit number ("LX-ABCD2345", dashes, spaces and case forgiven) or a vehicle's plate."""
    compact = re.sub(r"[\s.\-_]", "", typed.upper())
    match = _NUMBER.match(compact)
    if match:
        permit = GoodsPermit.objects.select_related("goods_type").filter(number=f"LX-{match.group(1)}").first()
        if permit is not None:
            return _state(permit, today)
    try:
        plate = normalise_plate(typed)
    except PlateInvalid:
        plate = ""
    if plate:
        permit = _best_for_plate(plate, today)
        if permit is not None:
            return _state(permit, today)
        return Verification(Result.NOT_FOUND, _("No permit was issued for the vehicle %(plate)s.") % {"plate": plate})
    return Verification(
        Result.NOT_FOUND,
        _("No permit has the number %(number)s. Check the number on the card, or type the plate.")
        % {"number": typed.strip()[:40] or "—"},
    )


def _best_for_plate(plate: str, today: date) -> GoodsPermit | None:
    """The permit that decides whether the vehicle passes today: an approved one valid today, else one
    valid later, else the most recent."""
    permits = GoodsPermit.objects.select_related("goods_type").filter(plate=plate)
    approved = permits.filter(status=PermitStatus.APPROVED)
    return (
        approved.filter(valid_from__lte=today, valid_until__gte=today).order_by("-valid_until").first()
        or approved.filter(valid_from__gt=today).order_by("valid_from").first()
        or permits.order_by("-valid_until", "-pk").first()
    )


def _state(permit: GoodsPermit, today: date) -> Verification:
    if permit.status == PermitStatus.REVOKED:
        return Verification(Result.REVOKED, _("This permit has been revoked."), permit)
    if permit.status != PermitStatus.APPROVED:
        return Verification(Result.REVOKED, _("This permit is not approved."), permit)
    if today > permit.valid_until:
        return Verification(Result.EXPIRED, _("This permit has expired."), permit)
    if today < permit.valid_from:
        return Verification(Result.NOT_YET_VALID, _("This permit is not valid yet."), permit)
    return Verification(Result.VALID, _("Valid: let the vehicle through."), permit)
