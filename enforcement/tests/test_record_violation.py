"""Recording a violation (a draft): who — a place, a business or a person, officials with their
position and agency — the act and its type, where and when; jurisdiction and personal data rules."""

from datetime import timedelta

from django.urls import reverse

from enforcement.models import OffenderKind, Violation, ViolationStatus

from .base import TODAY, ViolationTestCase


class RecordViolationApiTests(ViolationTestCase):
    url = "/api/v1/violations"

    def body(self, **changes):  # type: ignore[no-untyped-def]
        body = {
            "offender_kind": "person",
            "offender_name": "Lê Văn Tâm",
            "is_official": True,
            "position": "Phó Chủ tịch UBND xã",
            "agency": "UBND xã Đức Mạnh",
            "type": "tu-tap-noi-cong-cong",
            "act": "Tổ chức tiệc tại nhà với 15 người khi đang cách ly xã hội",
            "unit": self.commune_a.code,
            "occurred_on": str(TODAY() - timedelta(days=2)),
        }
        body.update(changes)
        return body

    def place_body(self, **changes):  # type: ignore[no-untyped-def]
        """place_a's violation today."""
        return {
            "offender_kind": "place",
            "establishment": self.place_a.public_code,
            "type": "khong-deo-khau-trang",
            "act": "Không đeo khẩu trang",
            "occurred_on": str(TODAY()),
            **changes,
        }

    def failed_inspection(self):  # type: ignore[no-untyped-def]
        """place_a inspected by the district officer and found in violation."""
        return self.inspected(
            self.district_officer,
            self.place_a,
            outcome="violation",
            answers={"plan": "no", "masks": "fail", "staff": 20, "toilets": 2},
        )

    def test_an_inspector_records_an_officials_violation_as_a_draft(self) -> None:
        response = self.api_post(self.inspector, self.url, self.body())
        self.assertEqual(response.status_code, 201, response.content)
        found = response.json()
        self.assertEqual(
            (found["status"], found["is_official"], found["position"]), ("draft", True, "Phó Chủ tịch UBND xã")
        )
        self.assertEqual(found["unit"]["code"], self.commune_a.code)

    def test_a_place_brings_its_name_and_unit(self) -> None:
        inspection = self.failed_inspection()
        body = self.place_body(
            type="khong-tam-dung-kinh-doanh", act="Chợ vẫn họp khi có yêu cầu tạm dừng", inspection=inspection.pk
        )
        response = self.api_post(self.district_officer, self.url, body)
        self.assertEqual(response.status_code, 201, response.content)
        violation = Violation.objects.get()
        self.assertEqual(
            (violation.offender_name, violation.unit, violation.inspection),
            ("Chợ Đức Mạnh", self.commune_a, inspection),
        )

    def test_required_values_and_consistency(self) -> None:
        cases = {
            "position": self.body(position=""),
            "agency": self.body(agency=" "),
            "is_official": self.body(offender_kind="business", offender_name="Công ty TNHH Cà phê Đắk Mil"),
            "offender_name": self.body(offender_name=""),
            "offender_kind": self.body(offender_kind="animal"),
            "establishment": self.body(offender_kind="place", is_official=False),
            "type": self.body(type="khong-ton-tai"),
            "act": self.body(act=""),
            "unit": self.body(unit="00000"),
            "occurred_on": self.body(occurred_on=str(TODAY() + timedelta(days=1))),
            "inspection": self.body(inspection=999999),
        }
        for field, body in cases.items():
            with self.subTest(field=field):
                response = self.api_post(self.inspector, self.url, body)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertIn(field, {e["field"] for e in response.json()["errors"]})
        self.assertFalse(Violation.objects.exists())

    def test_id_and_phone_numbers_are_refused_in_public_text(self) -> None:
        for field, text in (
            ("act", "Không đeo khẩu trang, CCCD 067201001234"),
            ("offender_name", "Nguyễn Văn A 0912 345 678"),
            ("position", "Cán bộ, ĐT 0261.3544.123"),
            ("agency", "UBND xã, CMND 245123456"),
        ):
            with self.subTest(field=field):
                response = self.api_post(self.inspector, self.url, self.body(**{field: text}))
                self.assertEqual(response.status_code, 422)
                self.assertEqual([e["field"] for e in response.json()["errors"]], [field])
        self.assertFalse(Violation.objects.exists())

    def test_jurisdiction(self) -> None:
        self.assertEqual(self.api_post(self.officer_b, self.url, self.body()).status_code, 403)
        self.assertEqual(self.api_post(self.other_district_officer, self.url, self.body()).status_code, 403)
        self.assertEqual(self.api_post(self.press, self.url, self.body()).status_code, 403)
        self.assertEqual(self.api_post(self.owner, self.url, self.body()).status_code, 403)
        self.assertEqual(self.api_post(None, self.url, self.body()).status_code, 401)
        self.assertEqual(self.api_post(self.officer_b, self.url, self.place_body()).status_code, 403)
        self.assertFalse(Violation.objects.exists())

    def test_listing_follows_the_jurisdiction(self) -> None:
        mine = self.draft()
        theirs = self.draft(self.person(unit=self.commune_b))
        ids = lambda user: {v["id"] for v in self.api_get(user, self.url).json()["items"]}  # noqa: E731
        self.assertEqual(ids(self.district_officer), {mine.pk, theirs.pk})
        self.assertEqual(ids(self.officer_a), {mine.pk})
        self.assertEqual(ids(self.officer_b), {theirs.pk})
        self.assertEqual(ids(self.other_district_officer), set())
        self.assertEqual(self.api_get(self.officer_b, f"{self.url}/{mine.pk}").status_code, 404)
        self.assertEqual(self.api_get(self.officer_b, self.url, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.api_get(self.officer_a, self.url, {"status": "lost"}).status_code, 422)

    def test_a_draft_is_corrected_a_decided_one_is_not(self) -> None:
        violation = self.draft()
        url = f"{self.url}/{violation.pk}"
        response = self.api_patch(self.inspector, url, '{"act": "Không đeo khẩu trang tại chợ"}')
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["act"], "Không đeo khẩu trang tại chợ")
        response = self.api_patch(self.inspector, url, '{"act": "gọi 0912345678"}')
        self.assertEqual(response.status_code, 422)
        decided = self.decided()
        response = self.api_patch(self.district_officer, f"{self.url}/{decided.pk}", '{"act": "Khác"}')
        self.assertEqual(response.status_code, 409)

    def test_the_form_page(self) -> None:
        client = self.client_for(self.inspector)
        self.assertEqual(client.get(reverse("enforcement:new")).status_code, 200)
        form = {
            "offender_kind": "person",
            "offender_name": "Trần Văn Bảy",
            "type": "khong-deo-khau-trang",
            "act": "Không đeo khẩu trang nơi công cộng",
            "unit": self.village_a.code,
            "occurred_on": str(TODAY()),
        }
        response = client.post(reverse("enforcement:new"), {**form, "act": "SĐT 0987654321"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="act"', status_code=400)
        response = client.post(reverse("enforcement:new"), form)
        violation = Violation.objects.get()
        self.assertRedirects(response, reverse("enforcement:detail", kwargs={"pk": violation.pk}))
        self.assertEqual((violation.offender_kind, violation.status), (OffenderKind.PERSON, ViolationStatus.DRAFT))
        self.assertEqual(
            self.client_for(self.officer_b).get(reverse("enforcement:detail", kwargs={"pk": violation.pk})).status_code,
            404,
        )
        page = self.client_for(self.officer_a).get(reverse("enforcement:list"))
        self.assertContains(page, f'data-violation="{violation.pk}"')

    def test_a_violation_found_in_an_inspection_starts_from_it(self) -> None:
        inspection = self.failed_inspection()
        page = self.client_for(self.district_officer).get(reverse("enforcement:new"), {"inspection": inspection.pk})
        initial = page.context["form"].initial
        self.assertEqual((initial["offender_kind"], initial["establishment"]), ("place", self.place_a.public_code))
