"""Which characters input may not carry, and how exports write what was saved before."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from lib.hygiene import refused_character, refused_in, validate_text
from lib.sheets import sheet_row, sheet_text


class HygieneTests(SimpleTestCase):
    def test_controls_and_lone_surrogates_are_refused(self) -> None:
        for text in ("a\x00b", "\x1b[0m", "\x7f", "\u0085", "a\ud800"):
            with self.subTest(text=repr(text)):
                self.assertIsNotNone(refused_character(text))
                with self.assertRaises(ValidationError):
                    validate_text(text)

    def test_vietnamese_tabs_and_newlines_pass(self) -> None:
        for text in ("Đắk R'Lấp", "dòng 1\ndòng 2\tcột", "😷 khẩu trang", ""):
            with self.subTest(text=repr(text)):
                self.assertIsNone(refused_character(text))
        self.assertIsNotNone(refused_character("a\nb", allow=""))

    def test_where_in_json(self) -> None:
        found = list(refused_in({"name": "ok", "items": ["fine", "bad\x00"], "k\x01": 1}))
        self.assertEqual([where for where, _char in found], ["items.1", "k\x01"])

    def test_sheets_show_what_they_cannot_hold(self) -> None:
        self.assertEqual(sheet_text("Chợ\x00cũ\ud800\n"), "Chợ\ufffdcũ\ufffd\n")
        self.assertEqual(sheet_row(["a\x01", 3, None]), ["a\ufffd", 3, None])
