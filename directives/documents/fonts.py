"""The serif the PDF embeds and the letter head is measured with, found on this machine, never
downloaded: Tinos (Debian's fonts-croscore) or Liberation Serif (fonts-liberation2), both
metric-compatible with Times New Roman, the face of Nghị định 30/2020/NĐ-CP; else Source Serif
Pro from PyPI (font-source-serif-pro, a dependency), whose italics lack Vietnamese letters."""

import os
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools import subset
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

# What Vietnamese documents are written with: Latin letters, every Vietnamese letter (precomposed
# and with combining marks), punctuation, the đồng and numero signs. A face cut down to these
# (about 450 of Tinos' 2,600 glyphs, without hinting) embeds in a third less time.
VIETNAMESE_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x1A0, 0x1B0),
    (0x300, 0x323),
    (0x1EA0, 0x1EF9),
    (0x2010, 0x2044),
    (0x20AB, 0x20AC),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
)
VIETNAMESE = frozenset(chr(code) for first, last in VIETNAMESE_RANGES for code in range(first, last + 1)) | {"\n"}
COMPACT_FOLDER = Path(tempfile.gettempdir()) / "phongdich-fonts"


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


def compact(path: str, folder: Path = COMPACT_FOLDER) -> str:
    """The face at `path` cut down to the Vietnamese characters, made once per machine (named
    after the source's size and time, so an upgraded package is cut again) and written
    atomically, so that processes rendering at the same time never read half a file."""
    source = Path(path)
    stat = source.stat()
    target = folder / f"{source.stem}-{stat.st_size}-{stat.st_mtime_ns}-vi.ttf"
    if target.is_file():
        return str(target)
    folder.mkdir(parents=True, exist_ok=True)
    font = TTFont(path)
    options = subset.Options()
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in VIETNAMESE if char != "\n"])
    subsetter.subset(font)
    partial = folder / f"{target.name}.{os.getpid()}.part"
    font.save(str(partial))
    os.replace(partial, target)
    return str(target)


@cache
def compact_files() -> FontFiles | None:
    """The Times-like face cut down to Vietnamese; None when there is no Times-like face (the
    fallback is small already) or the cut faces cannot be written."""
    fonts = font_files()
    if not fonts.times_like or fonts.italic is None or fonts.bold_italic is None:
        return None
    try:
        return FontFiles(
            fonts.family,
            compact(fonts.regular),
            compact(fonts.bold),
            compact(fonts.italic),
            compact(fonts.bold_italic),
        )
    except OSError:
        return None


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
