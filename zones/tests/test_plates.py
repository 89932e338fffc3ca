"""Vietnamese number plates of goods vehicles, as typed and as printed."""

from django.test import SimpleTestCase

from zones.plates import PlateInvalid, normalise_plate


class PlateTests(SimpleTestCase):
    def test_accepted_forms_become_the_printed_form(self) -> None:
        for typed, printed in [
            ("48C-123.45", "48C-123.45"),
            ("48c12345", "48C-123.45"),
            (" 51 C 123 45 ", "51C-123.45"),
            ("29LD-012.34", "29LD-012.34"),
            ("51R-01234", "51R-012.34"),  # a trailer
            ("30A-1234", "30A-1234"),  # an old four-digit plate
        ]:
            with self.subTest(typed=typed):
                self.assertEqual(normalise_plate(typed), printed)

    def test_unknown_formats_are_refused_with_a_message(self) -> None:
        for typed in [
            "",
            "ABC-123",
            "48C-123",
            "48C-1234567",
            "48-123.45",
            "48CCC-123.45",
            "13A-123.45",
            "48I-123.45",
            "48Đ-123.45",
        ]:
            with self.subTest(typed=typed), self.assertRaises(PlateInvalid) as refused:
                normalise_plate(typed)
            self.assertTrue(str(refused.exception))
