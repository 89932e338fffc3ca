"""Public pages and JSON come from the shared cache with an ETag, and a write that changes them
shows at once: a new assessment on its place's page, a new state on the map."""

import json
import re

from django.test import Client

from safety.models import PublicState
from testing import SAFE_ANSWERS, UNSAFE_ANSWERS, OwnedPlaceTestCase

BBOX = {"bbox": "100,5,115,25", "zoom": "6"}


class PublicCacheTests(OwnedPlaceTestCase):
    place_fields = {"name": "Chợ Đức Mạnh"}

    def submit(self, answers: dict[str, object]) -> None:
        response = self.api_post(
            self.owner,
            f"/api/v1/establishments/{self.place.pk}/assessments",
            json.dumps({"criteria_set": "test-set", "answers": answers}),
        )
        self.assertEqual(response.status_code, 201, response.content)

    def test_a_place_page_is_answered_again_with_not_modified(self) -> None:
        first = self.client.get(f"/p/{self.place.public_code}")
        self.assertEqual(first.status_code, 200)
        self.assertIn("public", first["Cache-Control"])
        self.assertTrue(first["Last-Modified"])
        again = self.client.get(f"/p/{self.place.public_code}", headers={"If-None-Match": first["ETag"]})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")

    def test_a_new_assessment_shows_on_its_page_at_once(self) -> None:
        page = f"/p/{self.place.public_code}"
        api = f"/api/v1/public/places/{self.place.public_code}"
        before, before_json = self.client.get(page), self.client.get(api)
        self.assertEqual(before_json.json()["state"], PublicState.NOT_ASSESSED)
        self.submit(UNSAFE_ANSWERS)
        after = self.client.get(page, headers={"If-None-Match": before["ETag"]})
        self.assertEqual(after.status_code, 200)
        self.assertContains(after, "Không an toàn")
        self.assertNotContains(before, "Không an toàn")
        self.assertEqual(self.client.get(api).json()["state"], PublicState.UNSAFE)
        self.submit(SAFE_ANSWERS)
        self.assertEqual(self.client.get(api).json()["state"], PublicState.SAFE)

    def test_a_new_state_shows_on_the_map_and_in_the_summary_at_once(self) -> None:
        def unsafe_on_map() -> int:
            features = self.client.get("/api/v1/public/places", BBOX).json()["features"]
            return sum(f["properties"]["counts"].get(PublicState.UNSAFE, 0) for f in features)

        summary = "/api/v1/public/summary"
        self.assertEqual(unsafe_on_map(), 0)
        self.assertEqual(self.client.get(summary).json()["total"]["counts"][PublicState.UNSAFE], 0)
        self.submit(UNSAFE_ANSWERS)
        self.assertEqual(unsafe_on_map(), 1)
        self.assertEqual(self.client.get(summary).json()["total"]["counts"][PublicState.UNSAFE], 1)

    def test_an_edited_name_shows_in_the_map_list(self) -> None:
        self.assertContains(self.client.get("/map/"), "Chợ Đức Mạnh")
        self.place.name = "Chợ Đức Lập"
        self.place.save()
        self.assertContains(self.client.get("/map/"), "Chợ Đức Lập")

    def test_a_cached_page_carries_each_visitors_own_csrf_token(self) -> None:
        self.client.get("/map/")  # fills the cache
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/map/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        self.assertIn(f'"X-CSRFToken": "{token}"', page)
        switched = visitor.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token, "next": "/map/"})
        self.assertEqual(switched.status_code, 302)
        self.assertContains(visitor.get("/map/"), "Safety map")

    def test_signed_in_visitors_get_their_own_page(self) -> None:
        self.client.get("/map/")
        response = self.client_for(self.district_officer).get("/map/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("ETag", response)
        self.assertContains(response, self.district_officer.username)
