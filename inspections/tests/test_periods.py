"""Periods as written in filters."""

from datetime import date

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from inspections.periods import parse_period, recent_period


class PeriodTests(SimpleTestCase):
    def test_forms(self) -> None:
        cases = {
            "2021": (date(2021, 1, 1), date(2021, 12, 31)),
            "2021-Q2": (date(2021, 4, 1), date(2021, 6, 30)),
            "2020-q1": (date(2020, 1, 1), date(2020, 3, 31)),
            "2021-05": (date(2021, 5, 1), date(2021, 5, 31)),
            "2020-2": (date(2020, 2, 1), date(2020, 2, 29)),
            "2021-05-12": (date(2021, 5, 12), date(2021, 5, 12)),
            "2021-05-01..2021-06-15": (date(2021, 5, 1), date(2021, 6, 15)),
        }
        for text, (start, end) in cases.items():
            with self.subTest(text=text):
                period = parse_period(text)
                assert period is not None
                self.assertEqual((period.start, period.end), (start, end))
        self.assertIsNone(parse_period(""))
        self.assertIsNone(parse_period(None))

    def test_bad_periods(self) -> None:
        for text in (
            "2021-13",
            "2021-Q5",
            "21",
            "1899",
            "tháng 5",
            "2021-02-30",
            "2021-06-01..2021-05-01",
            "2021-05-01..x",
        ):
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                parse_period(text)
            self.assertIn("period", caught.exception.message_dict)

    def test_recent_period(self) -> None:
        period = recent_period(30, today=date(2021, 5, 31))
        self.assertEqual((period.start, period.end, period.days), (date(2021, 5, 2), date(2021, 5, 31), 30))
        self.assertIn(date(2021, 5, 2), period)
        self.assertNotIn(date(2021, 5, 1), period)
