"""`manage.py import_places FILE --user U` checks a file as the import page does (the same
columns, limits, row messages and jurisdiction), and imports all of it or the good rows only."""

import io
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from safety.actions.imports import HEADERS
from safety.models import Establishment, MapCell
from safety.tests.test_import_places import ImportTestCase, Rows, xlsx_upload


class ImportPlacesCommandTests(ImportTestCase):
    def file(self, rows: Rows) -> Path:
        folder = Path(tempfile.mkdtemp())
        path = folder / "co-so.xlsx"
        path.write_bytes(xlsx_upload(rows).read())
        return path

    def run_command(self, path: Path, *args: str, user: str = "") -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_places", str(path), "--user", user or self.district_officer.username, *args, stdout=out, stderr=err
        )
        return out.getvalue(), err.getvalue()

    def test_a_dry_run_lists_bad_rows_and_writes_nothing(self) -> None:
        path = self.file([*self.good_rows(), ["", "casino", "99999"]])
        out, err = self.run_command(path, "--dry-run")
        self.assertIn("3 good rows, 1 bad rows", out)
        self.assertIn("row 5:", err)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_bad_rows_import_nothing_unless_the_good_rows_are_asked_for(self) -> None:
        path = self.file([*self.good_rows(), ["", "casino", "99999"]])
        with self.assertRaises(CommandError):
            self.run_command(path)
        self.assertEqual(Establishment.objects.count(), 0)
        out, _err = self.run_command(path, "--skip-bad-rows")
        self.assertIn("3 places imported, 1 bad rows skipped", out)
        self.assertEqual(Establishment.objects.count(), 3)
        self.assertEqual(sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)), 3)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(
            (entry.actor, entry.source, (entry.after or {}).get("created")), (self.district_officer, "command", 3)
        )

    def test_the_users_jurisdiction_applies(self) -> None:
        out, err = self.run_command(self.file(self.good_rows()), "--dry-run", user=self.officer_a.username)
        self.assertIn("1 good rows, 2 bad rows", out)
        self.assertIn("row 3:", err)

    def test_an_unknown_user_or_one_who_may_not_import_is_refused(self) -> None:
        path = self.file([HEADERS])
        with self.assertRaises(CommandError):
            self.run_command(path, user="nobody")
        with self.assertRaises(CommandError):
            self.run_command(self.file(self.good_rows()), user=self.owner.username)
        self.assertEqual(Establishment.objects.count(), 0)
