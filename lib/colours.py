"""Colours readable as text backgrounds (WCAG 2 contrast), for colours that come from data."""

AA_NORMAL_TEXT = 4.5
DARK_TEXT, LIGHT_TEXT = "#212529", "#ffffff"


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(background: str, text: str) -> tuple[str, str]:
    """(background, text) for small text at 4.5:1 or better: the colours given if they reach it,
    else the given background with dark or white text, else the background darkened (same hue)
    under white text. An official colour keeps its hue; only its shade moves when it must."""
    if contrast(background, text) >= AA_NORMAL_TEXT:
        return background, text
    for other in (DARK_TEXT, LIGHT_TEXT):
        if contrast(background, other) >= AA_NORMAL_TEXT:
            return background, other
    r, g, b = _channels(background)
    factor = 1.0
    darker = background
    while contrast(darker, LIGHT_TEXT) < AA_NORMAL_TEXT:
        factor -= 0.05
        darker = "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))
    return darker, LIGHT_TEXT
