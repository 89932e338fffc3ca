"""The situation view's counts of places per unit one level down read the kept per-unit counts and
the overdue and never-assessed indexes, and agree with counting the places themselves."""

from datetime import timedelta

from django.utils import timezone

from safety import dashboard
from safety.models import PublicState
from testing import SafetyTestCase, make_place


class SituationCountTests(SafetyTestCase):
    def test_the_kept_counts_agree_with_the_places(self) -> None:
        now = timezone.now()
        make_place(self.commune_a, "Chợ an toàn", state=PublicState.SAFE, valid_until=now + timedelta(days=3))
        make_place(self.commune_a, "Quán hết hạn", state=PublicState.NOT_ASSESSED, valid_until=now - timedelta(days=1))
        make_place(self.commune_b, "Chợ chưa đánh giá")
        make_place(self.district, "Bến xe", state=PublicState.UNSAFE, valid_until=now - timedelta(hours=1))
        make_place(self.commune_b, "Đã đóng cửa", status="closed")
        for unit in (self.province, self.district, self.commune_a):
            counted = dashboard.by_child(unit, now)
            scanned = dashboard.overview(self.admin, unit, now)
            self.assertEqual(counted.total, scanned.total, unit.name)
            self.assertEqual(
                [(child.code, tally) for child, tally in counted.by_child],
                [(child.code, tally) for child, tally in scanned.by_child],
            )
            self.assertEqual(counted.direct, scanned.direct)
        district = dashboard.by_child(self.district, now)
        self.assertEqual((district.total.total, district.total.overdue, district.total.never), (4, 2, 2))
        self.assertEqual(district.direct.by_state[PublicState.UNSAFE], 1)
