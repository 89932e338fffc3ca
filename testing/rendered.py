"""Reading documents as a reader sees them: a DOCX converted to PDF by LibreOffice (headless, as a
word processor lays it out) and any PDF read back as lines of text per page with their fonts
(poppler's pdftohtml). Both are Debian packages that .ci/run installs; tests skip with the reason
when a tool is missing on a developer's machine."""

import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOHTML = shutil.which("pdftohtml")
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui (.ci/run does)"
NO_POPPLER = "poppler's pdftohtml is not installed: apt-get install poppler-utils (.ci/run does)"
CONVERSION_SECONDS = 180


def docx_to_pdf(content: bytes) -> bytes:
    """The DOCX laid out and printed to PDF by LibreOffice, with a profile of its own so that
    suites running at the same time do not share one."""
    assert SOFFICE, NO_SOFFICE
    with tempfile.TemporaryDirectory(prefix="docx-to-pdf-") as folder:
        work = Path(folder)
        (work / "document.docx").write_bytes(content)
        subprocess.run(  # noqa: S603 — a fixed program and our own file
            [
                SOFFICE,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "out"),
                str(work / "document.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=CONVERSION_SECONDS,
        )
        return (work / "out" / "document.pdf").read_bytes()


@dataclass
class Piece:
    text: str
    left: float
    font: str  # the embedded font's name, e.g. "MPDFAA+Tinos-Italic"
    italic: bool
    bold: bool


@dataclass
class Line:
    top_mm: float  # from the top of the page
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(piece.text for piece in sorted(self.pieces, key=lambda p: p.left)).split())


@dataclass
class Page:
    number: int
    lines: list[Line]

    def piece_with(self, text: str) -> Piece | None:
        return next((piece for line in self.lines for piece in line.pieces if text in piece.text), None)


def pdf_pages(content: bytes) -> list[Page]:
    """Each page's lines, top to bottom; pieces on the same line (within 1.5 mm) share it."""
    assert PDFTOHTML, NO_POPPLER
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        result = subprocess.run(  # noqa: S603 — a fixed program reading our own PDF
            [PDFTOHTML, "-xml", "-i", "-stdout", "-q", pdf.name],
            check=True,
            capture_output=True,
            timeout=60,
        )
    root = ElementTree.fromstring(result.stdout)  # noqa: S314 — poppler's output for our own PDF
    fonts: dict[str, str] = {}
    pages = []
    for page in root.iter("page"):
        to_mm = 297.0 / float(page.get("height", "1"))
        for spec in page.iter("fontspec"):
            fonts[spec.get("id", "")] = spec.get("family", "")
        lines: list[Line] = []
        for element in page.iter("text"):
            text = "".join(element.itertext()).strip()
            if not text:
                continue
            top = float(element.get("top", "0")) * to_mm
            piece = Piece(
                text=text,
                left=float(element.get("left", "0")),
                font=fonts.get(element.get("font", ""), ""),
                italic=element.find(".//i") is not None,
                bold=element.find(".//b") is not None,
            )
            line = next((line for line in lines if abs(line.top_mm - top) <= 1.5), None)
            if line is None:
                line = Line(top)
                lines.append(line)
            line.pieces.append(piece)
        pages.append(Page(int(page.get("number", "0")), sorted(lines, key=lambda line: line.top_mm)))
    return pages
