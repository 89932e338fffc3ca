"""Writing a draft: through the API and the page, with every bad input refused and nothing written."""

from django.urls import reverse

from directives.models import Directive

from .base import ITEMS, DirectiveTestCase


class ComposeDraftTests(DirectiveTestCase):
    def payload(self, **changes: object) -> dict[str, object]:
        payload: dict[str, object] = {
            "issuer": "67-stttt",
            "subject": "tuyên truyền phòng, chống dịch",
            "symbol": "STTTT-TTBCXB",
            "place": "Đắk Nông",
            "issuing_body": "Sở Thông tin và Truyền thông",
            "parent_body": "UBND tỉnh Đắk Nông",
            "items": ITEMS,
            "groups": ["ubnd-xa-legacy-67"],
            "organisations": ["67-bao-dak-nong"],
            "copies": [{"name": "UBND tỉnh", "purpose": "b/c"}],
            "authority": "KT.",
            "head_title": "Giám đốc",
            "signer_title": "Phó Giám đốc",
            "signer_name": "Nguyễn Văn A",
        }
        payload.update(changes)
        return payload

    def post(self, user, payload):  # type: ignore[no-untyped-def]
        return self.api_post(user, "/api/v1/directives", payload)

    def test_a_draft_is_created_without_a_number(self) -> None:
        response = self.post(self.writer, self.payload())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["status"], "draft")
        self.assertIsNone(body["number"])
        self.assertEqual(body["reference"], "…/STTTT-TTBCXB")
        self.assertEqual([i["number"] for i in body["items"]], [1, 2, 3])
        self.assertEqual(body["addressees"], ["UBND các xã, phường, thị trấn", "Báo Đắk Nông"])
        self.assertEqual(body["recipients"], [])  # nothing is delivered before issuing

    def test_a_recipient_that_does_not_exist_is_refused(self) -> None:
        response = self.post(self.writer, self.payload(organisations=["67-khong-co"]))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "organisations")
        self.assertIn("67-khong-co", response.json()["detail"])
        self.assertFalse(Directive.objects.exists())

    def test_an_unknown_group_or_issuer_is_refused(self) -> None:
        self.assertEqual(self.post(self.writer, self.payload(groups=["nhom-la"])).status_code, 422)
        self.assertEqual(self.post(self.writer, self.payload(issuer="khong-co")).status_code, 422)
        self.assertFalse(Directive.objects.exists())

    def test_bad_fields_are_each_named(self) -> None:
        response = self.post(
            self.writer,
            self.payload(symbol="stttt/ttbcxb x", items=["", "nội dung"], authority="XX.", report_every=3),
        )
        self.assertEqual(response.status_code, 422)
        fields = {e["field"] for e in response.json()["errors"]}
        self.assertEqual(fields, {"symbol", "items", "authority", "report_every"})
        self.assertFalse(Directive.objects.exists())

    def test_no_recipient_at_all_is_refused(self) -> None:
        response = self.post(self.writer, self.payload(groups=[], organisations=[]))
        self.assertEqual(response.status_code, 422)

    def test_only_those_who_act_for_the_issuer_may_write_for_it(self) -> None:
        for user in (self.press, self.officer_a, self.district_officer, self.inspector):
            with self.subTest(user=user.username):
                self.assertEqual(self.post(user, self.payload()).status_code, 403)
        self.assertEqual(self.post(self.province_officer, self.payload()).status_code, 201)
        # A district officer writes for the district's People's Committee.
        district_committee = f"ubnd-legacy-{self.district.code}"
        self.assertEqual(self.post(self.district_officer, self.payload(issuer=district_committee)).status_code, 201)
        self.assertEqual(
            self.post(self.other_district_officer, self.payload(issuer=district_committee)).status_code, 403
        )

    def test_the_page_writes_a_draft(self) -> None:
        client = self.client_for(self.writer)
        self.assertEqual(client.get(reverse("directives:new")).status_code, 200)
        response = client.post(
            reverse("directives:new"),
            {
                "issuer": self.department.pk,
                "parent_body": "UBND tỉnh Đắk Nông",
                "issuing_body": "Sở Thông tin và Truyền thông",
                "symbol": "STTTT-TTBCXB",
                "place": "Đắk Nông",
                "subject": "tuyên truyền",
                "groups": [self.group("bao-chi").pk],
                "items": "Nội dung thứ nhất\n\nNội dung thứ hai\n",
                "copies": "- UBND tỉnh (b/c);\nSở Y tế (phối hợp)",
                "report_every": "0",
                "signer_title": "Giám đốc",
                "signer_name": "Nguyễn Văn A",
            },
        )
        directive = Directive.objects.get()
        self.assertRedirects(response, reverse("directives:detail", args=[directive.pk]))
        self.assertEqual([i.text for i in directive.items.all()], ["Nội dung thứ nhất", "Nội dung thứ hai"])
        self.assertEqual(
            [(c.name, c.purpose) for c in directive.copies.all()], [("UBND tỉnh", "b/c"), ("Sở Y tế", "phối hợp")]
        )

    def test_the_page_shows_the_rule_broken_and_writes_nothing(self) -> None:
        response = self.client_for(self.writer).post(
            reverse("directives:new"),
            {
                "issuer": self.department.pk,
                "issuing_body": "Sở",
                "symbol": "STTTT",
                "place": "Đắk Nông",
                "subject": "tuyên truyền",
                "items": "Nội dung",
                "report_every": "7",
                "signer_title": "Giám đốc",
                "signer_name": "A",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="report_due_on"', status_code=400)
        self.assertContains(response, 'data-field-error="organisations"', status_code=400)
        self.assertFalse(Directive.objects.exists())
