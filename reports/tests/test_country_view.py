"""A national administrator (a superuser, or someone whose jurisdiction holds every province) opens
the whole country's situation, each province one row below; nobody else can ask for it."""

from accounts.models import Role, RoleAssignment
from territory.models import Level
from testing import make_unit, make_user

from .base import WeeklyTestCase


class CountryViewTests(WeeklyTestCase):
    def test_a_national_administrator_opens_on_the_country(self) -> None:
        other = make_unit("66", Level.PROVINCE, "Tỉnh", "Tỉnh Đắk Lắk", "Đắk Lắk")
        national = make_user("national", Role.ADMINISTRATOR, self.province)
        RoleAssignment.objects.create(user=national, role=Role.ADMINISTRATOR, unit=other)
        body = self.api_get(national, "/api/v1/dashboard").json()
        self.assertEqual(body["unit"]["code"], "VN")
        self.assertEqual(body["places"]["total"], 3)
        self.assertEqual(body["reports"]["received"], 2)
        provinces = {row["unit"]["code"]: row["places"] for row in body["children"]}
        self.assertEqual(provinces, {"66": 0, "67": 3})
        page = self.client_for(national).get("/tinh-hinh/")
        self.assertContains(page, "Cả nước")
        self.assertContains(page, "?unit=67&amp;scheme=legacy")
        self.assertNotContains(page, 'data-testid="weekly-link"')
        province = self.client_for(national).get("/tinh-hinh/?unit=67")
        self.assertContains(province, '<a href="?unit=VN&amp;scheme=legacy">Cả nước</a>', html=False)

    def test_a_superuser_asks_for_it_and_officers_are_refused(self) -> None:
        country = self.client_for(self.admin).get("/tinh-hinh/?unit=VN")
        self.assertContains(country, "Cả nước")
        for user in (self.province_officer, self.district_officer, self.inspector):
            self.assertEqual(self.client_for(user).get("/tinh-hinh/?unit=VN").status_code, 403)
            response = self.api_get(user, "/api/v1/dashboard?unit=VN")
            self.assertEqual(response.status_code, 403)
        own = self.client_for(self.province_officer).get("/tinh-hinh/")
        self.assertNotContains(own, "Cả nước")
