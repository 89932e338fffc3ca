"""The situation view: one page per unit of the jurisdiction, drilling down, each figure linking
to its list; a sibling's unit is refused."""

from datetime import timedelta

from django.utils import timezone

from portal import abuse, actions
from portal.models import Report
from safety.models import PublicState
from safety.types import load_establishment_types
from testing import JurisdictionTestCase, make_place


class SituationViewTests(JurisdictionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_establishment_types()
        make_place(cls.commune_a, "Chợ an toàn", state=PublicState.SAFE)
        make_place(cls.commune_b, "Chợ chưa đánh giá")
        for n, unit in enumerate((cls.commune_a, cls.commune_a, cls.commune_b)):
            actions.submit_report(
                {"category": "gathering", "text": f"Tụ tập đông người lần {n} ở chợ.", "unit": unit.code},
                client=abuse.Client(address=f"10.9.0.{n}"),
            )
        Report.objects.filter(unit=cls.commune_b).update(due_at=timezone.now() - timedelta(days=1))

    def test_a_district_sees_its_communes_and_drills_down(self) -> None:
        client = self.client_for(self.district_officer)
        response = client.get("/tinh-hinh/")
        self.assertContains(response, self.district.name)
        self.assertContains(response, f"?unit={self.commune_a.code}&amp;scheme=legacy")
        self.assertContains(response, '<td class="text-end" data-testid="reports-received">3</td>', html=False)
        self.assertContains(response, '<td class="text-end" data-testid="reports-overdue">1</td>', html=False)
        self.assertContains(response, '<td class="text-end" data-state="safe">1</td>', html=False)
        self.assertContains(response, "<svg")
        self.assertContains(response, "/phan-anh/xu-ly/?overdue=on")
        commune = client.get(f"/tinh-hinh/?unit={self.commune_a.code}")
        self.assertContains(commune, '<td class="text-end" data-testid="reports-received">2</td>', html=False)
        self.assertContains(commune, self.district.name)  # the breadcrumb back up

    def test_a_sibling_commune_is_refused(self) -> None:
        client = self.client_for(self.officer_b)
        self.assertEqual(client.get(f"/tinh-hinh/?unit={self.commune_a.code}").status_code, 403)
        self.assertEqual(client.get(f"/tinh-hinh/?unit={self.district.code}").status_code, 403)
        own = client.get("/tinh-hinh/")
        self.assertContains(own, self.commune_b.name)
        self.assertEqual(self.client.get("/tinh-hinh/").status_code, 302)

    def test_the_api_gives_the_same_figures(self) -> None:
        headers = self.api_headers(self.district_officer)
        body = self.client.get("/api/v1/dashboard", headers=headers).json()
        self.assertEqual(body["unit"]["code"], self.district.code)
        self.assertEqual(body["places"]["by_state"]["safe"], 1)
        self.assertEqual(body["places"]["total"], 2)
        self.assertEqual((body["reports"]["received"], body["reports"]["overdue"]), (3, 1))
        children = {row["unit"]["code"]: row for row in body["children"]}
        self.assertEqual(children[self.commune_b.code]["places"], 1)
        own = self.api_get(self.officer_b, f"/api/v1/dashboard?unit={self.commune_a.code}")
        self.assertEqual(own.status_code, 403)
        self.assertEqual(self.client.get("/api/v1/dashboard").status_code, 401)
