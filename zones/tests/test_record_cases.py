"""Officers record a day's confirmed cases of a commune or village; bad counts change nothing."""

from datetime import timedelta
from typing import Any

from audit.models import AuditEntry
from zones.models import CaseCount

from .base import ZonesTestCase, today


class RecordCasesApiTests(ZonesTestCase):
    def post(self, user, **payload):  # type: ignore[no-untyped-def]
        body = {"unit": self.commune_a.code, "date": today().isoformat(), "cases": 3, **payload}
        return self.api_post(user, "/api/v1/cases", body)

    def test_an_officer_records_and_corrects_a_count_and_each_change_is_audited(self) -> None:
        response = self.post(self.officer_a, untraced_cases=1, linked_cases=2)
        self.assertEqual(response.status_code, 201)
        self.assertTrue(response.json()["created"])
        row = CaseCount.objects.get()
        self.assertEqual((row.cases, row.untraced_cases, row.linked_cases), (3, 1, 2))
        self.assertEqual(row.commune, self.commune_a)
        self.assertEqual(row.province, self.province)
        response = self.post(self.officer_a, cases=4)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["created"])
        self.assertEqual(CaseCount.objects.get().cases, 4)
        self.assertEqual(AuditEntry.objects.filter(content_type__model="casecount").count(), 2)

    def test_a_village_count_belongs_to_its_commune(self) -> None:
        response = self.post(self.district_officer, unit=self.village_a.code, cases=1)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(CaseCount.objects.get().commune, self.commune_a)

    def test_a_sibling_communes_officer_cannot_record_here(self) -> None:
        self.assertEqual(self.post(self.officer_b).status_code, 403)
        self.assertEqual(self.post(self.other_district_officer).status_code, 403)
        self.assertEqual(self.post(self.inspector).status_code, 403)  # inspectors see, officers change
        self.assertEqual(self.post(self.owner).status_code, 403)
        self.assertFalse(CaseCount.objects.exists())

    def test_bad_counts_get_a_message_and_change_nothing(self) -> None:
        self.commune_a.population = 900
        self.commune_a.save()
        cases: list[tuple[dict[str, Any], str]] = [
            ({"cases": -1}, "cases"),
            ({"cases": 901}, "cases"),  # more cases than people
            ({"cases": 2, "untraced_cases": 3}, "untraced_cases"),
            ({"cases": 2, "linked_cases": -2}, "linked_cases"),
            ({"date": (today() + timedelta(days=1)).isoformat()}, "date"),
            ({"date": "2019-01-01"}, "date"),
            ({"unit": self.district.code}, "unit"),  # counts are per commune or village
        ]
        for payload, field in cases:
            with self.subTest(payload=payload):
                response = self.post(self.district_officer, **payload)
                self.assertEqual(response.status_code, 422)
                self.assertIn(field, [e["field"] for e in response.json()["errors"]])
                self.assertTrue(response.json()["detail"])
        self.assertEqual(self.post(self.officer_a, cases="many").status_code, 422)
        self.assertEqual(self.post(self.officer_a, unit="00000").status_code, 404)
        self.assertFalse(CaseCount.objects.exists())

    def test_without_a_population_absurd_counts_are_refused(self) -> None:
        self.assertEqual(self.post(self.officer_a, cases=100_001).status_code, 422)
        self.assertEqual(self.post(self.officer_a, cases=40).status_code, 201)

    def test_a_commune_without_its_own_population_is_bounded_by_its_villages(self) -> None:
        self.village_a.population = 50
        self.village_a.save()
        self.assertEqual(self.post(self.officer_a, cases=51).status_code, 422)
        self.assertEqual(self.post(self.officer_a, cases=50).status_code, 201)

    def test_lists_only_the_callers_jurisdiction(self) -> None:
        self.post(self.officer_a)
        self.post(self.officer_b, unit=self.commune_b.code)
        listed = self.api_get(self.officer_a, "/api/v1/cases").json()["items"]
        self.assertEqual([row["unit"]["code"] for row in listed], [self.commune_a.code])
        listed = self.api_get(self.district_officer, "/api/v1/cases").json()["items"]
        self.assertEqual(len(listed), 2)
        response = self.api_get(self.officer_a, "/api/v1/cases", {"unit": self.commune_b.code})
        self.assertEqual(response.status_code, 403)


class RecordCasesPageTests(ZonesTestCase):
    def form(self, **changes: Any) -> dict[str, Any]:
        """Today's count of two cases in commune_a, as the page's form posts it."""
        return {
            "unit": self.commune_a.pk,
            "date": today().isoformat(),
            "cases": 2,
            "untraced_cases": 0,
            "linked_cases": 0,
            **changes,
        }

    def test_the_form_records_a_count_and_shows_errors_at_their_fields(self) -> None:
        client = self.client_for(self.officer_a)
        page = client.get("/cases/")
        self.assertEqual(page.status_code, 200)
        units = list(page.context["form"].fields["unit"].queryset)
        self.assertIn(self.village_a, units)
        self.assertNotIn(self.commune_b, units)
        data = self.form(untraced_cases=5)
        response = client.post("/cases/", data)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, 'data-field-error="untraced_cases"', status_code=422)
        self.assertFalse(CaseCount.objects.exists())
        response = client.post("/cases/", {**data, "untraced_cases": 1})
        self.assertRedirects(response, "/cases/")
        self.assertEqual(CaseCount.objects.get().untraced_cases, 1)

    def test_a_unit_outside_the_jurisdiction_cannot_be_chosen(self) -> None:
        response = self.client_for(self.officer_b).post("/cases/", self.form())
        self.assertEqual(response.status_code, 422)
        self.assertFalse(CaseCount.objects.exists())

    def test_only_officers_use_the_page(self) -> None:
        self.assertEqual(self.client_for(self.owner).get("/cases/").status_code, 403)
        self.assertEqual(self.client_for(self.press).get("/cases/").status_code, 403)
        self.assertEqual(self.client.get("/cases/").status_code, 302)
