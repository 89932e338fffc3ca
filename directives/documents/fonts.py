"""The serif the PDF embeds and the letter head is measured with, found on this machine, never
downloaded: Tinos (Debian's fonts-croscore) or Liberation Serif (fonts-liberation2), both
metric-compatible with Times New Roman, the face of Nghị định 30/2020/NĐ-CP; else Source Serif
Pro from PyPI (font-source-serif-pro, a dependency), whose italics lack Vietnamese letters."""

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont

PT_TO_MM = 25.4 / 72

# Times-like faces with every Vietnamese letter, in order of preference: (family, folder, files).
TIMES_LIKE = (
    ("Tinos", "croscore", ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")),
    (
        "LiberationSerif",
        "liberation2",
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
    (
        "LiberationSerif",
        "liberation",
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
)
FONT_ROOTS = (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts/truetype"))


@dataclass(frozen=True)
class FontFiles:
    family: str
    regular: str
    bold: str
    italic: str | None  # None: the face has no italics with Vietnamese letters; regular stands in
    bold_italic: str | None

    @property
    def times_like(self) -> bool:
        return self.family in {family for family, _folder, _files in TIMES_LIKE}


def _times_like(roots: tuple[Path, ...]) -> FontFiles | None:
    for family, folder, names in TIMES_LIKE:
        for root in roots:
            paths = [root / folder / name for name in names]
            if all(path.is_file() for path in paths):
                regular, bold, italic, bold_italic = (str(path) for path in paths)
                return FontFiles(family, regular, bold, italic, bold_italic)
    return None


def _source_serif() -> FontFiles:
    folder = Path(str(resources.files("font_source_serif_pro")))
    found = {p.name: str(p) for p in folder.rglob("*.ttf")}
    return FontFiles(
        "SourceSerifPro", found["SourceSerifPro-Regular.ttf"], found["SourceSerifPro-Bold.ttf"], None, None
    )


def find_fonts(roots: tuple[Path, ...] = FONT_ROOTS) -> FontFiles:
    return _times_like(roots) or _source_serif()


@cache
def font_files() -> FontFiles:
    """The face documents use, looked up once per process."""
    return find_fonts()


@cache
def _advances(path: str) -> tuple[dict[int, int], float]:
    font = TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, float(font["head"].unitsPerEm)


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """How wide a line of text is set in the documents' face (upright), in millimetres."""
    fonts = font_files()
    widths, units = _advances(fonts.bold if bold else fonts.regular)
    fallback = widths.get(ord("M"), units)
    return sum(widths.get(ord(char), fallback) for char in text) / units * size * PT_TO_MM
