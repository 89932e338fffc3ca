"""The public list, page and API of published violations: officials shown exactly like everyone
else, with position and agency; nothing unpublished; no ID numbers, addresses or phones."""

from datetime import timedelta

from django.urls import reverse

from enforcement import actions
from enforcement.models import Violation

from .base import TODAY, PublishedViolationsTestCase

PUBLIC_FIELDS = {
    "id",
    "offender_kind",
    "name",
    "is_official",
    "position",
    "agency",
    "place_code",
    "type",
    "type_name",
    "legal_basis",
    "act",
    "unit",
    "area",
    "occurred_on",
    "decision_number",
    "decision_date",
    "decision_authority",
    "fine_amount",
    "fine_reason",
    "additional_measures",
    "published_at",
    "url",
}


class PublicDisclosureTests(PublishedViolationsTestCase):
    url = "/api/v1/public/violations"
    citizen: Violation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.citizen = cls.published(cls.person())
        withdrawn = cls.published(cls.person(offender_name="Đã thu hồi"))
        actions.withdraw_violation(withdrawn, cls.district_officer, reason="Nhầm người")

    def names(self, **params):  # type: ignore[no-untyped-def]
        response = self.api_get(None, self.url, params)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["name"] for item in response.json()["items"]]

    def test_only_published_violations_and_no_login(self) -> None:
        self.assertEqual(sorted(self.names()), sorted(["Nguyễn Văn Hùng", "Lê Văn Tâm", "Phạm Thị Hoa"]))

    def test_an_official_is_listed_like_everyone_else(self) -> None:
        items = {item["name"]: item for item in self.api_get(None, self.url).json()["items"]}
        official, citizen = items["Lê Văn Tâm"], items["Nguyễn Văn Hùng"]
        self.assertEqual(set(official), PUBLIC_FIELDS)
        self.assertEqual(set(citizen), PUBLIC_FIELDS)  # the same fields, nothing hidden
        self.assertEqual(
            (official["is_official"], official["position"], official["agency"]),
            (True, "Phó Chủ tịch UBND xã", "UBND xã Đức Mạnh"),
        )
        self.assertEqual((citizen["is_official"], citizen["position"], citizen["agency"]), (False, None, None))
        self.assertEqual(official["fine_amount"], 10_000_000)
        self.assertEqual(official["legal_basis"], "Nghị định 117/2020/NĐ-CP")
        self.assertEqual(official["decision_number"], "15/QĐ-XPVPHC")

    def test_no_personal_identifiers_are_ever_returned(self) -> None:
        text = self.api_get(None, self.url).content.decode()
        for word in ("phone", "address", "id_number", "cmnd", "cccd", "email", "owner"):
            self.assertNotIn(word, text.lower())

    def test_filters(self) -> None:
        self.assertEqual(sorted(self.names(unit=self.district.code)), ["Lê Văn Tâm", "Nguyễn Văn Hùng"])
        self.assertEqual(self.names(unit=self.other_district.code), ["Phạm Thị Hoa"])
        self.assertEqual(self.names(type="tu-tap-noi-cong-cong"), ["Lê Văn Tâm"])
        self.assertEqual(len(self.names(period=f"{TODAY() - timedelta(days=5)}..{TODAY()}")), 3)
        self.assertEqual(self.names(period="2019"), [])
        self.assertEqual(self.api_get(None, self.url, {"type": "khong-ton-tai"}).status_code, 422)
        self.assertEqual(self.api_get(None, self.url, {"period": "năm ngoái"}).status_code, 422)
        self.assertEqual(self.api_get(None, self.url, {"unit": "00000"}).status_code, 404)

    def test_one_published_violation(self) -> None:
        response = self.api_get(None, f"{self.url}/{self.official_violation.pk}")
        self.assertEqual(response.json()["name"], "Lê Văn Tâm")
        for hidden in (self.draft_one, self.decided_only):
            self.assertEqual(self.api_get(None, f"{self.url}/{hidden.pk}").status_code, 404)

    def test_the_public_pages(self) -> None:
        page = self.client.get(reverse("enforcement:public_list"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Lê Văn Tâm")
        self.assertContains(page, 'data-testid="official"', count=1)
        self.assertContains(page, "Phó Chủ tịch UBND xã, UBND xã Đức Mạnh")
        self.assertNotContains(page, "Chưa công bố")
        self.assertNotContains(page, "Đã thu hồi")
        narrowed = self.client.get(reverse("enforcement:public_list"), {"unit": self.other_district.code})
        self.assertEqual([row["name"] for row in narrowed.context["rows"]], ["Phạm Thị Hoa"])
        self.assertEqual(self.client.get(reverse("enforcement:public_list"), {"period": "x"}).status_code, 400)
        detail = self.client.get(reverse("enforcement:public_detail", kwargs={"pk": self.official_violation.pk}))
        self.assertContains(detail, "UBND xã Đức Mạnh")
        self.assertContains(detail, self.district.short_name)  # where, up the tree
        self.assertEqual(
            self.client.get(reverse("enforcement:public_detail", kwargs={"pk": self.decided_only.pk})).status_code, 404
        )

    def test_user_text_is_escaped(self) -> None:
        values = self.person(offender_name="<script>alert(1)</script>", act="<b>đậm</b>")
        violation = self.published(values)
        page = self.client.get(reverse("enforcement:public_detail", kwargs={"pk": violation.pk}))
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.assertContains(page, "&lt;script&gt;")

    def test_types_are_public(self) -> None:
        response = self.api_get(None, "/api/v1/violation-types")
        codes = {item["code"]: item for item in response.json()}
        self.assertEqual(
            (codes["khong-deo-khau-trang"]["fine_min"], codes["khong-deo-khau-trang"]["fine_max"]),
            (1_000_000, 3_000_000),
        )
        self.assertIsNone(codes["tron-tranh-cach-ly"]["fine_min"])
