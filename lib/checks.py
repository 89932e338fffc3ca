"""Checks an action makes on the values it is given, collecting a message per bad field."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


def text_field(
    values: Mapping[str, Any], field: str, limits: Mapping[str, int], errors: dict[str, str], *, required: bool = False
) -> str:
    """The field's text, stripped; a message in `errors` when it is required and empty or too long."""
    text = str(values.get(field) or "").strip()
    if required and not text:
        errors[field] = _("This field is required.")
    elif len(text) > limits[field]:
        errors[field] = _("At most %(limit)d characters.") % {"limit": limits[field]}
    return text
