"""Colours from data made readable as small text's background, keeping their hue."""

from django.test import SimpleTestCase

from lib.colours import contrast, readable


class ReadableTests(SimpleTestCase):
    def test_contrast_of_black_and_white_is_21(self) -> None:
        self.assertAlmostEqual(contrast("#000000", "#ffffff"), 21, places=3)
        self.assertAlmostEqual(contrast("#ffffff", "#ffffff"), 1, places=3)

    def test_readable_colours_are_kept(self) -> None:
        self.assertEqual(readable("#F1BA15", "#212529"), ("#F1BA15", "#212529"))

    def test_the_other_text_colour_when_it_reads(self) -> None:
        self.assertEqual(readable("#0FA57F", "#FFFFFF"), ("#0FA57F", "#212529"))

    def test_a_background_no_text_reads_on_is_darkened_in_its_hue(self) -> None:
        background, text = readable("#DA4711", "#FFFFFF")
        self.assertEqual(text, "#ffffff")
        self.assertGreaterEqual(contrast(background, text), 4.5)
        r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
        self.assertTrue(r > g > b)  # still a red-orange
        self.assertLess(r, 0xDA)
