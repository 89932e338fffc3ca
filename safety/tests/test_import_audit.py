"""A places import is audited as what the officer did (one entry summing it up), never as the
map cells and counters it moves, however many of those exist already."""

from decimal import Decimal

from audit.models import AuditEntry
from safety.actions.imports import HEADERS
from safety.models import Establishment, MapCell
from safety.tests.test_import_places import ImportTestCase, xlsx_upload
from testing import make_place


class ImportAuditTests(ImportTestCase):
    def test_a_five_row_import_writes_one_audit_entry_not_one_per_map_cell(self) -> None:
        for n in range(12):  # places already on the map: their cells exist before the import
            make_place(self.commune_a, f"Quán {n}", latitude=Decimal(12 + n / 10), longitude=Decimal(107 + n / 10))
        cells_before = MapCell.objects.count()
        self.assertGreater(cells_before, 12)
        rows = [
            *self.good_rows(),
            ["Quán cà phê Sông Hồng", "restaurant", self.commune_a.code, "Số 5", 12.41, 107.61, None, None, None, None],
            ["Siêu thị Mini Hòa", "supermarket", self.commune_a.code, "Số 9", 12.42, 107.62, None, None, None, None],
        ]
        self.assertEqual(len(rows) - 1, 5)
        self.assertEqual(rows[0], HEADERS)
        job = self.upload(xlsx_upload(rows))
        audit_before = AuditEntry.objects.count()
        response = self.run_import(job)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["job"].created, 5)
        self.assertEqual(Establishment.objects.count(), 17)
        self.assertEqual(AuditEntry.objects.count() - audit_before, 1)
        self.assertFalse(AuditEntry.objects.filter(content_type__model="mapcell").exists())
        self.assertEqual(sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)), 17)
