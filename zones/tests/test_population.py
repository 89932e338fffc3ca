"""Populations per unit: edited or imported by officers of the unit, within sane bounds."""

from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry

from .base import ZonesTestCase


class PopulationTests(ZonesTestCase):
    def put(self, user, unit, population):  # type: ignore[no-untyped-def]
        return self.api_put(user, f"/api/v1/units/{unit.scheme}/{unit.code}/population", {"population": population})

    def test_an_officer_sets_a_population_and_it_is_audited(self) -> None:
        response = self.put(self.officer_a, self.commune_a, 12_500)
        self.assertEqual(response.status_code, 200)
        self.commune_a.refresh_from_db()
        self.assertEqual(self.commune_a.population, 12_500)
        self.assertTrue(AuditEntry.objects.filter(content_type__model="adminunit", object_id=str(self.commune_a.pk)))

    def test_outside_the_jurisdiction_is_refused(self) -> None:
        self.assertEqual(self.put(self.officer_b, self.commune_a, 12_500).status_code, 403)
        self.assertEqual(self.put(self.other_district_officer, self.district, 100_000).status_code, 403)
        self.commune_a.refresh_from_db()
        self.assertIsNone(self.commune_a.population)

    def test_absurd_populations_are_refused(self) -> None:
        for unit, value in ((self.commune_a, -1), (self.village_a, 200_000), (self.commune_a, 2_000_000)):
            with self.subTest(unit=unit.level, value=value):
                self.assertEqual(self.put(self.district_officer, unit, value).status_code, 422)
        self.assertEqual(self.put(self.district_officer, self.commune_a, "lots").status_code, 422)

    def test_a_file_of_populations(self) -> None:
        csv = f"Mã đơn vị,Dân số\n{self.commune_a.code},12.500\n{self.village_a.code},800\n{self.commune_b.code},abc\n"
        upload = SimpleUploadedFile("dan-so.csv", csv.encode())
        client = self.client_for(self.officer_a)
        response = client.post("/cases/population/import/", {"file": upload})
        self.assertEqual(response.status_code, 400)  # row 4: outside the jurisdiction and not a number
        self.assertContains(response, 'data-row="4"', status_code=400)
        self.commune_a.refresh_from_db()
        self.assertIsNone(self.commune_a.population)
        upload = SimpleUploadedFile("dan-so.csv", csv.encode())
        response = client.post("/cases/population/import/", {"file": upload, "skip_bad_rows": "on"})
        self.assertEqual(response.status_code, 200)
        self.commune_a.refresh_from_db()
        self.village_a.refresh_from_db()
        self.assertEqual((self.commune_a.population, self.village_a.population), (12_500, 800))

    def test_the_population_page(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post("/cases/population/", {"unit": self.village_a.pk, "population": 100_001})
        self.assertEqual(response.status_code, 422)
        response = client.post("/cases/population/", {"unit": self.village_a.pk, "population": 640})
        self.assertRedirects(response, "/cases/population/")
        self.village_a.refresh_from_db()
        self.assertEqual(self.village_a.population, 640)
        self.assertEqual(self.client_for(self.owner).get("/cases/population/").status_code, 403)
