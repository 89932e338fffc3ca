"""The officers' view: places counted by type and state, per unit below, within jurisdiction only."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from safety import dashboard
from safety.actions.assessments import submit_assessment
from safety.models import OperatingStatus, Registration
from testing import AT_RISK_ANSWERS, SAFE_ANSWERS, UNSAFE_ANSWERS, SafetyTestCase, make_place

URL = reverse("safety:dashboard")


class DashboardCountsTests(SafetyTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()

        def assessed(unit, name, type_code, answers, days_ago=0):  # type: ignore[no-untyped-def]
            place = make_place(unit, name, type_code)
            submit_assessment(place, cls.criteria_set, answers, by=None, now=now - timedelta(days=days_ago))
            return place

        # Commune A (and its village): 2 safe (one of them overdue), 1 at risk, 1 unsafe, 1 never assessed.
        assessed(cls.commune_a, "Chợ Đức Mạnh", "market", SAFE_ANSWERS)
        assessed(cls.village_a, "Quán ăn Thôn 1", "restaurant", SAFE_ANSWERS, days_ago=10)
        assessed(cls.commune_a, "Nhà hàng Hoa Sen", "restaurant", AT_RISK_ANSWERS)
        assessed(cls.commune_a, "Nhà máy Cà phê", "factory", UNSAFE_ANSWERS)
        make_place(cls.commune_a, "Trường Tiểu học Đức Mạnh", "school")
        # Not counted: closed, or not yet accepted.
        make_place(cls.commune_a, "Chợ cũ", "market", status=OperatingStatus.CLOSED)
        make_place(cls.commune_a, "Chợ chờ duyệt", "market", registration=Registration.PENDING)
        # Commune B: 1 unsafe, 1 never assessed.
        assessed(cls.commune_b, "Chợ Đắk Lao", "market", UNSAFE_ANSWERS)
        make_place(cls.commune_b, "Siêu thị Đắk Lao", "supermarket")
        # Another district: 1 safe.
        assessed(cls.other_commune, "Chợ Krông Nô", "market", SAFE_ANSWERS)

    def counts(self, response, table: str, key: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
        rows = {
            "type": {kind.code: tally for kind, tally in response.context["overview"].by_type},
            "unit": {child.code: tally for child, tally in response.context["overview"].by_child},
        }[table]
        tally = rows[key] if key != "total" else response.context["overview"].total
        return {**tally.by_state, "total": tally.total, "overdue": tally.overdue, "never": tally.never}

    def test_district_officer_sees_counts_by_type_and_by_commune(self) -> None:
        response = self.client_for(self.district_officer).get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["unit"], self.district)
        total = self.counts(response, "type", "total")
        self.assertEqual(
            total, {"safe": 2, "at_risk": 1, "unsafe": 2, "not_assessed": 2, "total": 7, "overdue": 1, "never": 2}
        )
        self.assertEqual(response.context["overview"].total.safe_share, 28.6)
        self.assertEqual(self.counts(response, "type", "market")["total"], 2)
        self.assertEqual(
            self.counts(response, "type", "restaurant"),
            {"safe": 1, "at_risk": 1, "unsafe": 0, "not_assessed": 0, "total": 2, "overdue": 1, "never": 0},
        )
        self.assertEqual(self.counts(response, "unit", self.commune_a.code)["total"], 5)
        self.assertEqual(
            self.counts(response, "unit", self.commune_b.code),
            {"safe": 0, "at_risk": 0, "unsafe": 1, "not_assessed": 1, "total": 2, "overdue": 0, "never": 1},
        )
        self.assertEqual(len(response.context["overview"].by_child), 10)  # every commune of Đắk Mil, zeros too
        self.assertContains(response, f'href="{URL}?unit={self.commune_a.code}"')
        self.assertContains(response, f"{reverse('safety:overdue')}?unit={self.district.code}&amp;which=overdue")

    def test_drill_down_to_a_commune_counts_its_villages(self) -> None:
        response = self.client_for(self.district_officer).get(URL, {"unit": self.commune_a.code})
        self.assertEqual(response.context["unit"], self.commune_a)
        self.assertEqual(self.counts(response, "unit", self.village_a.code)["safe"], 1)
        self.assertEqual(response.context["overview"].direct.total, 4)  # attached to the commune itself
        self.assertEqual(response.context["overview"].total.total, 5)

    def test_province_officer_sees_both_districts(self) -> None:
        response = self.client_for(self.province_officer).get(URL)
        self.assertEqual(response.context["overview"].total.total, 8)
        self.assertEqual(self.counts(response, "unit", self.other_district.code)["safe"], 1)
        self.assertEqual(self.counts(response, "unit", self.district.code)["total"], 7)

    def test_sibling_commune_sees_only_its_own(self) -> None:
        client = self.client_for(self.officer_b)
        response = client.get(URL)
        self.assertEqual(response.context["unit"], self.commune_b)
        self.assertEqual(response.context["overview"].total.total, 2)
        self.assertNotContains(response, "Đức Mạnh")
        self.assertEqual(client.get(URL, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(client.get(URL, {"unit": self.district.code}).status_code, 403)

    def test_other_district_sees_none_of_these_places(self) -> None:
        client = self.client_for(self.other_district_officer)
        self.assertEqual(client.get(URL).context["overview"].total.total, 1)
        self.assertEqual(client.get(URL, {"unit": self.district.code}).status_code, 403)

    def test_owners_and_press_have_no_dashboard_and_unknown_unit_is_404(self) -> None:
        self.assertEqual(self.client_for(self.owner).get(URL).status_code, 403)
        self.assertEqual(self.client_for(self.press).get(URL).status_code, 403)
        self.assertEqual(self.client_for(self.province_officer).get(URL, {"unit": "99999"}).status_code, 404)

    def test_counting_takes_the_same_queries_however_many_places(self) -> None:
        now = timezone.now()
        dashboard.overview(self.province_officer, self.province, now)  # reads the officer's roles once
        with self.assertNumQueries(4):
            dashboard.overview(self.province_officer, self.province, now)
        for number in range(20):
            make_place(self.commune_b, f"Quầy hàng {number}", "market")
        with self.assertNumQueries(4):
            overview = dashboard.overview(self.province_officer, self.province, now)
        self.assertEqual(overview.total.total, 28)
