"""The page a visitor reaches by scanning a place's QR code (/p/CODE), and its JSON twin."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from safety.actions.assessments import submit_assessment
from safety.models import OperatingStatus, Registration
from testing import AT_RISK_ANSWERS, SAFE_ANSWERS, SafetyTestCase, make_place


class PublicPlaceTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.place = make_place(
            self.commune_a,
            "Chợ <script>alert(1)</script> Đức Mạnh",
            address="Quốc lộ 14, thôn 1",
            contact_name="Nguyễn Văn A",
            contact_phone="0912345678",
            owners=[self.owner],
            latitude=Decimal("12.4401"),
            longitude=Decimal("107.6321"),
        )

    def page(self, code: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.get(f"/p/{code or self.place.public_code}")

    def api(self, code: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.get(f"/api/v1/public/places/{code or self.place.public_code}")


class PublicPageTests(PublicPlaceTestCase):
    def test_anyone_sees_name_type_address_and_state_without_login(self) -> None:
        response = self.page()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Chợ &lt;script&gt;alert(1)&lt;/script&gt; Đức Mạnh")
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, '<p class="text-muted mb-3">Chợ</p>', html=False)  # the type
        self.assertContains(response, "Quốc lộ 14, thôn 1")
        self.assertContains(response, self.commune_a.short_name)
        self.assertContains(response, 'data-state="not_assessed"')
        self.assertContains(response, 'data-testid="never-assessed"')

    def test_no_contact_or_owner_is_shown(self) -> None:
        response = self.page()
        self.assertNotContains(response, "0912345678")
        self.assertNotContains(response, "Nguyễn Văn A")
        self.assertNotContains(response, self.owner.username)

    def test_the_state_its_colour_and_dates_of_the_last_assessment_are_shown(self) -> None:
        assessed_at = timezone.now() - timedelta(days=1)
        assessment = submit_assessment(self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner, now=assessed_at)
        response = self.page()
        self.assertContains(response, 'data-state="safe"')
        self.assertContains(response, 'class="state-panel state-safe')  # coloured by safety-map.css
        local = timezone.localtime
        self.assertContains(response, f'data-testid="assessed-at">{local(assessed_at):%d/%m/%Y}<')
        self.assertContains(response, f'data-testid="valid-until">{local(assessment.valid_until):%d/%m/%Y}<')
        self.assertNotContains(response, 'data-testid="never-assessed"')

    def test_an_expired_rating_no_longer_vouches_for_the_place(self) -> None:
        submit_assessment(
            self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner, now=timezone.now() - timedelta(days=30)
        )
        response = self.page()
        self.assertContains(response, 'data-state="not_assessed"')
        self.assertContains(response, 'data-testid="expired"')

    def test_suspended_and_closed_places_say_so(self) -> None:
        self.place.status = OperatingStatus.SUSPENDED
        self.place.save()
        self.assertContains(self.page(), 'data-testid="suspended"')
        self.place.status = OperatingStatus.CLOSED
        self.place.save()
        response = self.page()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="closed"')

    def test_pending_rejected_and_unknown_codes_are_not_found(self) -> None:
        for registration in (Registration.PENDING, Registration.REJECTED):
            self.place.registration = registration
            self.place.save()
            with self.subTest(registration=registration):
                response = self.page()
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, 'data-testid="notice"', status_code=404)
                self.assertNotContains(response, "Đức Mạnh", status_code=404)
        self.assertEqual(self.page("ZZZZ9999").status_code, 404)

    def test_a_code_typed_in_lower_case_still_opens_the_page(self) -> None:
        self.assertEqual(self.page(self.place.public_code.lower()).status_code, 200)

    def test_the_url_is_named(self) -> None:
        from django.urls import reverse

        self.assertEqual(reverse("safety:public_place", kwargs={"code": "ABCD2345"}), "/p/ABCD2345")
        self.assertEqual(reverse("safety:poster", kwargs={"pk": 7}), "/places/7/poster.pdf")


class PublicPlaceApiTests(PublicPlaceTestCase):
    def test_json_gives_what_the_page_shows(self) -> None:
        submit_assessment(self.place, self.criteria_set, AT_RISK_ANSWERS, by=self.owner)
        response = self.api()
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["name"], "Chợ <script>alert(1)</script> Đức Mạnh")
        self.assertEqual(body["public_code"], self.place.public_code)
        self.assertEqual((body["type"], body["type_name"]), ("market", "Chợ"))
        self.assertEqual(body["address"], "Quốc lộ 14, thôn 1")
        self.assertEqual((body["state"], body["colour"]), ("at_risk", "#fd7e14"))
        self.assertIsNotNone(body["assessed_at"])
        self.assertIsNotNone(body["valid_until"])
        self.assertEqual((body["never_assessed"], body["suspended"], body["closed"]), (False, False, False))
        self.assertEqual(body["url"], f"/p/{self.place.public_code}")
        self.assertEqual((body["latitude"], body["longitude"]), (12.4401, 107.6321))

    def test_json_holds_no_owner_or_contact(self) -> None:
        body = self.api().json()
        text = self.api().content.decode()
        for key in ("owners", "contact_name", "contact_phone", "created_by"):
            self.assertNotIn(key, body)
        self.assertNotIn("0912345678", text)
        self.assertNotIn("Nguyễn Văn A", text)

    def test_json_of_a_suspended_place_is_marked(self) -> None:
        self.place.status = OperatingStatus.SUSPENDED
        self.place.save()
        self.assertIs(self.api().json()["suspended"], True)

    def test_pending_and_unknown_codes_are_404_with_a_message(self) -> None:
        self.place.registration = Registration.PENDING
        self.place.save()
        for code in (self.place.public_code, "ZZZZ9999"):
            with self.subTest(code=code):
                response = self.api(code)
                self.assertEqual(response.status_code, 404)
                self.assertTrue(response.json()["detail"])
