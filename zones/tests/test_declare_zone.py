"""Officers declare distancing zones over units of their jurisdiction; bad input changes nothing."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zones.actions.zones import declare_zone
from zones.models import DistancingZone, ZoneUnit

from .base import ZonesTestCase, zone_body, zone_input


class DeclareZoneApiTests(ZonesTestCase):
    def body(self, **changes):  # type: ignore[no-untyped-def]
        return zone_body(changes.pop("units", [self.village_a.code]), **changes)

    def post(self, user, **changes):  # type: ignore[no-untyped-def]
        return self.api_post(user, "/api/v1/zones", self.body(**changes))

    def test_an_officer_declares_a_zone_on_a_village(self) -> None:
        response = self.post(self.officer_a)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["status"], "active")
        self.assertEqual([u["code"] for u in body["units"]], [self.village_a.code])
        self.assertEqual(body["measure"]["code"], "ct-16")
        self.assertTrue(body["goods_vehicles_allowed"])
        zone = DistancingZone.objects.get()
        self.assertEqual((zone.area, zone.declared_by, zone.strictness), (self.village_a, self.officer_a, 45))

    def test_officers_list_the_zones_of_their_jurisdiction_only(self) -> None:
        zone_id = self.post(self.officer_a).json()["id"]
        for user, expected in ((self.officer_a, [zone_id]), (self.district_officer, [zone_id]), (self.officer_b, [])):
            with self.subTest(user=user.username):
                listed = self.api_get(user, "/api/v1/zones").json()
                self.assertEqual([z["id"] for z in listed], expected)
        listed = self.api_get(self.other_district_officer, "/api/v1/zones").json()
        self.assertEqual(listed, [])

    def test_a_zone_may_apply_a_level_of_the_framework(self) -> None:
        response = self.post(self.officer_a, measure="level:nguy-co-cao")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["measure"]["kind"], "level")
        self.assertIn("Không tụ tập từ 30 người trở lên", response.json()["measure"]["items"])

    def test_a_zone_over_two_communes_belongs_to_their_district(self) -> None:
        response = self.post(
            self.district_officer,
            units=[self.commune_a.code, self.commune_b.code],
            scope_justification="Hai xã giáp ranh",
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(DistancingZone.objects.get().area, self.district)
        # The commune officers cannot lift it: it is the district's.
        zone = DistancingZone.objects.get()
        response = self.api_post(self.officer_a, f"/api/v1/zones/{zone.pk}/lift", {})
        self.assertEqual(response.status_code, 403)

    def test_a_zone_in_another_jurisdiction_is_refused(self) -> None:
        self.assertEqual(self.post(self.officer_b).status_code, 403)
        self.assertEqual(self.post(self.other_district_officer, units=[self.commune_a.code]).status_code, 403)
        self.assertEqual(self.post(self.officer_a, units=[self.village_a.code, self.village_b.code]).status_code, 403)
        self.assertEqual(self.post(self.inspector).status_code, 403)
        self.assertFalse(DistancingZone.objects.exists())

    def test_who_may_not_declare_is_refused_before_the_input_is_checked(self) -> None:
        for user in (self.inspector, self.owner):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                declare_zone(zone_input([], decision_number=""), by=user)
        with self.assertRaises(PermissionDenied):
            declare_zone(zone_input([self.commune_a], reason=""), by=self.officer_b)
        self.assertFalse(DistancingZone.objects.exists())

    def test_bad_input_gets_a_message_at_its_field_and_changes_nothing(self) -> None:
        now = timezone.now()
        cases: list[tuple[dict[str, Any], str]] = [
            ({"planned_end": (now - timedelta(days=2)).isoformat()}, "planned_end"),  # an end before its start
            (
                {
                    "starts_at": (now + timedelta(days=3)).isoformat(),
                    "planned_end": (now + timedelta(days=2)).isoformat(),
                },
                "planned_end",
            ),
            (
                {
                    "starts_at": (now - timedelta(days=20)).isoformat(),
                    "planned_end": (now - timedelta(days=6)).isoformat(),
                },
                "planned_end",
            ),
            ({"planned_end": (now + timedelta(days=400)).isoformat()}, "planned_end"),
            ({"measure": "ct-99"}, "measure"),
            ({"measure": "level:cap-4"}, "measure"),  # a level of a framework the province does not use
            ({"decision_number": ""}, "decision_number"),
            ({"signer_name": " "}, "signer_name"),
            ({"reason": ""}, "reason"),
            ({"decision_date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "decision_date"),
            ({"triggering_cases": -1}, "triggering_cases"),
            ({"units": []}, "units"),
            ({"units": [self.commune_a.code, self.village_a.code]}, "units"),  # one inside the other
        ]
        for changes, field in cases:
            with self.subTest(field=field, changes=changes):
                response = self.post(self.officer_a, scope_justification="Cả xã", **changes)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertIn(field, [e["field"] for e in response.json()["errors"]])
        self.assertEqual(self.post(self.officer_a, units=["00000"]).status_code, 404)
        self.assertEqual(self.post(self.officer_a, starts_at="yesterday").status_code, 422)
        self.assertFalse(DistancingZone.objects.exists())
        self.assertFalse(ZoneUnit.objects.exists())


class DeclareZonePageTests(ZonesTestCase):
    def test_the_form_declares_a_zone_and_the_zone_page_says_goods_pass(self) -> None:
        client = self.client_for(self.officer_a)
        page = client.get("/zones/new/")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.village_b, list(page.context["form"].fields["units"].queryset))
        now = timezone.localtime()
        data = {
            "units": [self.village_a.pk],
            "measure": "phong-toa",
            "decision_number": "12/QĐ-UBND",
            "decision_date": now.date().isoformat(),
            "signer_name": "Lê Văn Minh",
            "signer_title": "Chủ tịch UBND xã",
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "planned_end": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "Ổ dịch",
            "triggering_cases": 2,
        }
        response = client.post("/zones/new/", data)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, 'data-field-error="planned_end"', status_code=422)
        data["planned_end"] = (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
        response = client.post("/zones/new/", data)
        zone = DistancingZone.objects.get()
        self.assertRedirects(response, f"/zones/{zone.pk}/")
        page = self.client.get(f"/zones/{zone.pk}/")
        self.assertContains(page, 'data-testid="goods-notice"')
        self.assertContains(page, "Lập chốt kiểm soát ra, vào khu vực phong toả")
        self.assertContains(page, 'data-status="active"')

    def test_only_officers_declare(self) -> None:
        self.assertEqual(self.client_for(self.owner).get("/zones/new/").status_code, 403)
        self.assertEqual(self.client_for(self.inspector).get("/zones/new/").status_code, 403)
