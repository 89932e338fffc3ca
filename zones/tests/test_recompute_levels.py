"""The recomputation command: schedulable, safe to run twice, keeping a history of changes only."""

import threading
from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test import TransactionTestCase
from django.utils import timezone

from territory.loader import load_units
from territory.models import AdminUnit, Scheme
from zones.computing import recompute, recompute_province, state_for
from zones.loader import load_zones_data
from zones.models import LevelChange, LevelFramework, ProvinceLevels, UnitLevel

from .base import ZonesTestCase, put_cases, today


class RecomputeLevelsTests(ZonesTestCase):
    def test_the_command_computes_every_unit_of_the_province(self) -> None:
        put_cases(self.commune_a, 2, untraced=2)
        out = StringIO()
        call_command("recompute_levels", "--scheme", "legacy", stdout=out)
        self.assertIn("1 provinces recomputed", out.getvalue())
        self.assertEqual(UnitLevel.objects.filter(unit_path__under=self.province.path).count(), 1 + 8 + 71)
        self.assertEqual(UnitLevel.objects.get(unit=self.commune_a).level.code, "nguy-co-rat-cao")
        self.assertEqual(ProvinceLevels.objects.get(province=self.province).last_as_of, today())

    def test_running_twice_changes_nothing_and_adds_no_history(self) -> None:
        put_cases(self.commune_a, 2, untraced=2)
        recompute(scheme=Scheme.LEGACY)
        history = LevelChange.objects.count()
        levels = list(UnitLevel.objects.order_by("unit_id").values_list("unit_id", "level_id", "since"))
        report = recompute(scheme=Scheme.LEGACY)
        self.assertEqual(report.changed, 0)
        self.assertEqual(LevelChange.objects.count(), history)
        self.assertEqual(
            list(UnitLevel.objects.order_by("unit_id").values_list("unit_id", "level_id", "since")), levels
        )

    def test_history_records_only_the_days_a_level_changed(self) -> None:
        start = today() - timedelta(days=20)
        put_cases(self.commune_a, 2, untraced=2, day=start + timedelta(days=2))
        for offset in range(21):
            recompute(start + timedelta(days=offset), scheme=Scheme.LEGACY, provinces=["67"])
        steps = list(
            LevelChange.objects.filter(unit=self.commune_a).order_by("date").values_list("date", "level__code")
        )
        self.assertEqual(
            steps,
            [
                (start, "binh-thuong-moi"),
                (start + timedelta(days=2), "nguy-co-rat-cao"),
                (start + timedelta(days=16), "binh-thuong-moi"),  # 14 days after the cases
            ],
        )
        self.assertEqual(UnitLevel.objects.get(unit=self.commune_a).since, start + timedelta(days=16))

    def test_a_day_before_the_last_one_computed_is_skipped(self) -> None:
        recompute(scheme=Scheme.LEGACY, provinces=["67"])
        put_cases(self.commune_a, 2, untraced=2, day=today() - timedelta(days=3))
        report = recompute(today() - timedelta(days=3), scheme=Scheme.LEGACY, provinces=["67"])
        self.assertEqual(report.count("older"), 1)
        self.assertEqual(UnitLevel.objects.get(unit=self.commune_a).level.code, "binh-thuong-moi")

    def test_a_province_done_for_the_day_by_a_run_that_started_later_is_left_alone(self) -> None:
        started = timezone.now() - timedelta(minutes=1)  # this run began before the other finished
        recompute(scheme=Scheme.LEGACY, provinces=["67"])  # the other run
        outcome = recompute_province(self.province, today(), started=started)
        self.assertEqual(outcome.status, "already done")
        outcome = recompute_province(self.province, today(), started=timezone.now())
        self.assertEqual(outcome.status, "done")

    def test_bad_arguments(self) -> None:
        with self.assertRaises(CommandError):
            call_command("recompute_levels", "--date", "31/12/2021", stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("recompute_levels", "--date", (today() + timedelta(days=1)).isoformat(), stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("recompute_levels", "--province", "00", stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("recompute_levels", "--loop", "-1", stdout=StringIO())
        self.assertFalse(UnitLevel.objects.exists())


class TwoRunsAtOnceTests(TransactionTestCase):
    """Two runs at once, for real: a second connection holds a province while this one runs.
    (A TestCase's single open transaction cannot show another connection's lock.)"""

    def test_a_province_another_run_holds_is_skipped_and_the_others_done(self) -> None:
        if not connection.features.has_select_for_update_skip_locked:
            self.skipTest("on SQLite the second writer waits for the first instead")
        load_units(Scheme.LEGACY, ["67", "68"])
        load_zones_data()
        dak_nong = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="67")
        state = state_for(dak_nong)
        locked, release = threading.Event(), threading.Event()

        def other_run() -> None:
            try:
                with transaction.atomic():
                    ProvinceLevels.objects.select_for_update().get(pk=state.pk)
                    locked.set()
                    release.wait(20)
            finally:
                connections.close_all()

        holder = threading.Thread(target=other_run)
        holder.start()
        self.assertTrue(locked.wait(20))
        try:
            report = recompute(scheme=Scheme.LEGACY)
        finally:
            release.set()
            holder.join()
        outcomes = {o.province: o.status for o in report.outcomes}
        self.assertEqual(outcomes, {"67": "locked", "68": "done"})
        self.assertFalse(UnitLevel.objects.filter(unit_path__under=dak_nong.path).exists())
        self.assertTrue(UnitLevel.objects.filter(unit__scheme=Scheme.LEGACY, unit__code="68").exists())


class BrokenFrameworkTests(ZonesTestCase):
    def test_rules_naming_a_deleted_level_leave_the_levels_as_they_were(self) -> None:
        recompute(scheme=Scheme.LEGACY, provinces=["67"])
        before = list(UnitLevel.objects.order_by("unit_id").values_list("unit_id", "level_id"))
        framework = LevelFramework.objects.get(code="qd-2686-bcdqg")
        framework.commune_rules = [{"level": "khong-con", "any": [{"metric": "cases", "at_least": 1}]}]
        framework.save()
        put_cases(self.commune_a, 5)
        report = recompute(today() + timedelta(days=1), scheme=Scheme.LEGACY, provinces=["67"])
        self.assertEqual(report.count("framework invalid"), 1)
        self.assertEqual(list(UnitLevel.objects.order_by("unit_id").values_list("unit_id", "level_id")), before)
