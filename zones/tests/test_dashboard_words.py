"""The zones dashboard names the levels of units in words ("Cấp xã"), not as codes."""

import re

from territory.models import Scheme
from zones.computing import recompute

from .base import ZonesTestCase


class DashboardWordsTests(ZonesTestCase):
    def test_units_at_each_level_are_named_in_vietnamese(self) -> None:
        recompute(scheme=Scheme.LEGACY)
        page = self.client_for(self.province_officer).get("/zones/dashboard/").content.decode()
        table = page[page.index('data-testid="by-level"') :]
        table = table[: table.index("</table>")]
        cells = re.findall(r"<tr><td>([^<]*)</td>", table)
        self.assertIn("Cấp xã", cells)
        for code in ("province", "district", "commune", "village"):
            self.assertNotIn(code, cells)
