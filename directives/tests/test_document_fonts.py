"""The face of the PDF documents: a Times-like one with every Vietnamese letter in four styles when
Debian's packages are installed, else Source Serif Pro from PyPI; cut down to Vietnamese (made
once, on disk) unless a document holds another character."""

import tempfile
from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase
from fontTools.ttLib import TTFont

from directives.documents import Document, Para, Table, font_files
from directives.documents.fonts import VIETNAMESE, compact, compact_files, find_fonts
from directives.documents.pdf import fonts_for

LETTERS = "ĐđƠơƯưĂăÂâÊêÔô" + "".join(chr(code) for code in range(0x1EA0, 0x1EFA))  # every precomposed letter


def covers(path: str, text: str) -> set[str]:
    """The characters of text the font at path has no glyph for."""
    cmap = TTFont(path, lazy=True).getBestCmap()
    return {char for char in text if ord(char) not in cmap}


class FontTests(SimpleTestCase):
    def test_without_debian_faces_the_pypi_serif_is_used(self) -> None:
        with tempfile.TemporaryDirectory() as empty:
            fonts = find_fonts((Path(empty),))
        self.assertEqual(fonts.family, "SourceSerifPro")
        self.assertFalse(fonts.times_like)
        self.assertIsNone(fonts.italic)  # its italics lack Vietnamese letters
        self.assertEqual(covers(fonts.regular, LETTERS) | covers(fonts.bold, LETTERS), set())

    def test_a_times_like_face_in_a_fonts_folder_is_preferred(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            croscore = Path(folder) / "croscore"
            croscore.mkdir()
            for style in ("Regular", "Bold", "Italic", "BoldItalic"):
                (croscore / f"Tinos-{style}.ttf").write_bytes(b"")
            fonts = find_fonts((Path(folder),))
        self.assertEqual(fonts.family, "Tinos")
        self.assertTrue(fonts.italic and fonts.italic.endswith("Tinos-Italic.ttf"))


@skipUnless(font_files().times_like, "no Times-like face: apt-get install fonts-croscore (.ci/run does)")
class TimesLikeTests(SimpleTestCase):
    def test_all_four_styles_have_every_vietnamese_letter(self) -> None:
        fonts = font_files()
        for path in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
            assert path is not None
            with self.subTest(path=path):
                self.assertEqual(covers(path, LETTERS), set())

    def test_the_cut_face_keeps_every_vietnamese_character(self) -> None:
        fonts = font_files()
        with tempfile.TemporaryDirectory() as folder:
            cut = compact(fonts.italic or fonts.regular, Path(folder))
            self.assertEqual(covers(cut, "".join(VIETNAMESE - {"\n"})), set())
            self.assertLess(Path(cut).stat().st_size, Path(fonts.regular).stat().st_size / 4)
            self.assertEqual(compact(fonts.italic or fonts.regular, Path(folder)), cut)  # made once

    def test_a_document_with_another_character_gets_the_whole_face(self) -> None:
        vietnamese = Document("t", [Para.text("Cộng hòa xã hội chủ nghĩa Việt Nam — 1.000.000 ₫")])
        other = Document("t", [Table(["Tên"], [["Жуков"]], [1.0])])
        self.assertEqual(fonts_for(vietnamese), compact_files())
        self.assertEqual(fonts_for(other), font_files())
