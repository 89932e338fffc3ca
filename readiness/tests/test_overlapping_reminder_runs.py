"""An overlapping run of the reminder loop finds the period's reminder recorded: it records and
sends nothing, and the transaction around it goes on."""

from datetime import date

from django.test import TestCase

from lib.once import record_once
from readiness.models import PeriodReminder
from territory.models import Level
from testing import make_unit


class RecordOnceTests(TestCase):
    def test_the_second_run_of_the_same_key_records_and_sends_nothing(self) -> None:
        unit = make_unit("99", Level.PROVINCE, "Tỉnh", "Tỉnh Thử", "Thử")
        sent: list[str] = []
        with self.captureOnCommitCallbacks(execute=True):
            first = record_once(PeriodReminder, lambda: sent.append("first"), unit=unit, period_start=date(2021, 8, 2))
            second = record_once(
                PeriodReminder, lambda: sent.append("second"), unit=unit, period_start=date(2021, 8, 2)
            )
        self.assertEqual((first, second), (True, False))
        self.assertEqual(sent, ["first"])
        self.assertEqual(PeriodReminder.objects.count(), 1)
