from django.db.models import QuerySet

from accounts import jurisdiction
from territory.models import AdminUnit, Scheme
from testing import JurisdictionTestCase


def unit_url(unit: AdminUnit) -> str:
    return f"/units/{unit.scheme}/{unit.code}/"


class UnitPageJurisdictionTests(JurisdictionTestCase):
    def assert_sees(self, user, allowed: list[AdminUnit], refused: list[AdminUnit]) -> None:  # type: ignore[no-untyped-def]
        client = self.client_for(user)
        for unit in allowed:
            with self.subTest(user=user.username, unit=unit.name, expect=200):
                self.assertEqual(client.get(unit_url(unit)).status_code, 200)
        for unit in refused:
            with self.subTest(user=user.username, unit=unit.name, expect=403):
                self.assertEqual(client.get(unit_url(unit)).status_code, 403)

    def test_commune_officer_sees_their_commune_and_its_villages_only(self) -> None:
        self.assert_sees(
            self.officer_a,
            allowed=[self.commune_a, self.village_a],
            refused=[self.commune_b, self.village_b, self.district, self.other_commune, self.province],
        )

    def test_sibling_commune_officer_is_refused_the_first_commune(self) -> None:
        self.assert_sees(self.officer_b, allowed=[self.commune_b], refused=[self.commune_a, self.village_a])

    def test_district_officer_sees_every_commune_of_the_district_and_no_other(self) -> None:
        self.assert_sees(
            self.district_officer,
            allowed=[self.district, self.commune_a, self.commune_b, self.village_b],
            refused=[self.other_district, self.other_commune, self.province],
        )

    def test_inspector_is_scoped_like_an_officer_of_their_unit(self) -> None:
        self.assert_sees(self.inspector, allowed=[self.commune_a], refused=[self.other_commune, self.province])

    def test_province_officer_sees_the_whole_province_but_not_the_other_scheme(self) -> None:
        other_scheme = AdminUnit.objects.get(scheme=Scheme.Y2025, code="24611")
        self.assert_sees(
            self.province_officer,
            allowed=[self.province, self.other_district, self.other_commune, self.village_a],
            refused=[other_scheme],
        )

    def test_press_and_owner_have_no_unit_pages(self) -> None:
        self.assert_sees(self.press, allowed=[], refused=[self.commune_a, self.province])
        self.assert_sees(self.owner, allowed=[], refused=[self.commune_a])

    def test_anonymous_is_sent_to_login(self) -> None:
        response = self.client.get(unit_url(self.commune_a))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login/"))

    def test_home_opens_on_the_users_jurisdiction(self) -> None:
        response = self.client_for(self.officer_a).get("/")
        self.assertRedirects(response, unit_url(self.commune_a))
        response = self.client_for(self.district_officer).get("/")
        self.assertRedirects(response, unit_url(self.district))

    def test_unit_page_walks_the_tree_with_counts(self) -> None:
        response = self.client_for(self.district_officer).get(unit_url(self.district))
        self.assertContains(response, unit_url(self.commune_a))
        self.assertContains(response, unit_url(self.commune_b))
        self.assertNotContains(response, unit_url(self.province))  # breadcrumb hides what they may not open
        self.assertEqual(len(response.context["rows"]), 10)
        village_counts = {child.code: villages for child, villages, _orgs in response.context["rows"]}
        self.assertEqual(village_counts[self.commune_a.code], 1)
        self.assertEqual(sum(village_counts.values()), 2)


class OrganisationsApiJurisdictionTests(JurisdictionTestCase):
    def codes(self, user, **params: str) -> set[str]:  # type: ignore[no-untyped-def]
        response = self.api_get(user, "/api/v1/organisations", params)
        self.assertEqual(response.status_code, 200, response.content)
        return {item["code"] for item in response.json()["items"]}

    def test_commune_officer_sees_only_their_communes_committee(self) -> None:
        self.assertEqual(self.codes(self.officer_a), {f"ubnd-legacy-{self.commune_a.code}"})

    def test_district_officer_sees_the_district_and_its_communes(self) -> None:
        codes = self.codes(self.district_officer)
        self.assertIn("ubnd-legacy-663", codes)
        self.assertIn(f"ubnd-legacy-{self.commune_b.code}", codes)
        self.assertNotIn("ubnd-legacy-664", codes)
        self.assertNotIn("67-bao-dak-nong", codes)
        self.assertEqual(len(codes), 3 + 10)

    def test_communication_officer_sees_their_own_agency(self) -> None:
        self.assertEqual(self.codes(self.press), {"67-bao-dak-nong"})

    def test_owner_sees_none_and_anonymous_is_refused(self) -> None:
        self.assertEqual(self.codes(self.owner), set())
        self.assertEqual(self.client.get("/api/v1/organisations").status_code, 401)

    def test_forged_unit_outside_jurisdiction_is_403(self) -> None:
        for unit in [self.commune_b, self.district, self.province]:
            response = self.api_get(self.officer_a, "/api/v1/organisations", {"unit": unit.code})
            self.assertEqual(response.status_code, 403, unit.name)
            self.assertIn("detail", response.json())

    def test_filters_by_kind_and_diacritic_free_name(self) -> None:
        codes = self.codes(self.province_officer, kind="district_committee", q="krong no")
        self.assertEqual(codes, {"ubnd-legacy-664"})

    def test_session_login_works_as_well_as_a_token(self) -> None:
        response = self.client_for(self.officer_b).get("/api/v1/organisations")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([i["code"] for i in response.json()["items"]], [f"ubnd-legacy-{self.commune_b.code}"])


class JurisdictionModuleTests(JurisdictionTestCase):
    def visible(self, user) -> QuerySet[AdminUnit]:  # type: ignore[no-untyped-def]
        return jurisdiction.visible_units(user)

    def test_filter_by_unit_is_the_subtree(self) -> None:
        self.assertEqual(set(self.visible(self.officer_a)), {self.commune_a, self.village_a})
        self.assertEqual(self.visible(self.district_officer).count(), 1 + 10 + 2)
        self.assertEqual(self.visible(self.owner).count(), 0)

    def test_several_roles_add_up_without_duplicates(self) -> None:
        from accounts.models import Role, RoleAssignment

        RoleAssignment.objects.create(user=self.officer_a, role=Role.INSPECTOR, unit=self.other_commune)
        RoleAssignment.objects.create(user=self.officer_a, role=Role.INSPECTOR, unit=self.village_a)
        user = type(self.officer_a).objects.get(pk=self.officer_a.pk)
        self.assertEqual(
            [u.code for u in jurisdiction.scope_units(user)], sorted([self.commune_a.code, self.other_commune.code])
        )
        self.assertTrue(jurisdiction.can_see_unit(user, self.other_commune))
        self.assertFalse(jurisdiction.can_change_unit(user, self.other_commune))
        self.assertTrue(jurisdiction.can_change_unit(user, self.village_a))

    def test_a_prefix_of_a_code_is_not_a_parent(self) -> None:
        # "legacy/67/66/" must not cover "legacy/67/663/": paths end with a slash.
        fake = AdminUnit(scheme=Scheme.LEGACY, code="66", level="district", parent=self.province)
        self.assertFalse(self.district.path.startswith(fake.build_path()))
