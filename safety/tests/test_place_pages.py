"""The places list, "my places" and the place page: jurisdiction, filters, pages, escaping."""

import re

from safety.models import Establishment, Registration
from testing import SafetyTestCase, make_place

from .base import ListedPlacesTestCase

NASTY = '<script>alert("x")</script> Chợ'


def listed_names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [place.name for place in response.context["page"]]


class PlaceListTests(ListedPlacesTestCase):
    def test_officer_lists_their_jurisdiction_only(self) -> None:
        response = self.client_for(self.officer_a).get("/places/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed_names(response), ["Chợ Đắk Mil", "Trường Kim Đồng"])
        response = self.client_for(self.officer_b).get("/places/")
        self.assertEqual(listed_names(response), ["Chợ Đắk Lao"])
        response = self.client_for(self.district_officer).get("/places/")
        self.assertEqual(listed_names(response), ["Chợ Đắk Lao", "Chợ Đắk Mil", "Trường Kim Đồng"])

    def test_filters_unit_type_state_and_search(self) -> None:
        client = self.client_for(self.district_officer)
        self.assertEqual(
            listed_names(client.get("/places/", {"unit": self.commune_a.code})), ["Chợ Đắk Mil", "Trường Kim Đồng"]
        )
        self.assertEqual(listed_names(client.get("/places/", {"type": "school"})), ["Trường Kim Đồng"])
        self.assertEqual(listed_names(client.get("/places/", {"state": "safe"})), ["Chợ Đắk Mil"])
        self.assertEqual(listed_names(client.get("/places/", {"q": "cho dak lao"})), ["Chợ Đắk Lao"])

    def test_unit_filter_outside_the_jurisdiction_is_403_and_bad_values_400(self) -> None:
        client = self.client_for(self.officer_a)
        self.assertEqual(client.get("/places/", {"unit": self.commune_b.code}).status_code, 403)
        self.assertEqual(client.get("/places/", {"unit": "nope"}).status_code, 404)
        self.assertEqual(client.get("/places/", {"state": "green"}).status_code, 400)

    def test_fifty_per_page_with_filters_kept_in_the_links(self) -> None:
        for number in range(60):
            make_place(self.commune_b, f"Quán {number:02d}", "restaurant")
        client = self.client_for(self.officer_b)
        first = client.get("/places/", {"type": "restaurant"})
        self.assertEqual(len(first.context["page"]), 50)
        self.assertEqual(first.context["page"].paginator.count, 60)
        self.assertContains(first, "?type=restaurant&amp;page=2")
        second = client.get("/places/", {"type": "restaurant", "page": "2"})
        self.assertEqual(len(second.context["page"]), 10)

    def test_owner_is_sent_to_their_places_and_press_refused(self) -> None:
        self.assertRedirects(self.client_for(self.owner).get("/places/"), "/places/mine/")
        self.assertEqual(self.client_for(self.press).get("/places/").status_code, 403)
        self.assertEqual(self.client.get("/places/").status_code, 302)  # to the login page

    def test_html_in_names_is_escaped_in_the_list(self) -> None:
        make_place(self.commune_a, NASTY, "market", address="<img src=x onerror=alert(1)>")
        response = self.client_for(self.officer_a).get("/places/")
        html = response.content.decode()
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Chợ", html)


class MyPlacesTests(SafetyTestCase):
    def test_owner_sees_only_their_places_with_their_states(self) -> None:
        mine = make_place(self.other_commune, "Nhà nghỉ Bình An", "lodging", owners=[self.owner])
        waiting = make_place(
            self.commune_a, "Quán Gió", "restaurant", owners=[self.owner], registration=Registration.PENDING
        )
        make_place(self.commune_a, "Chợ Đắk Mil", "market")
        response = self.client_for(self.owner).get("/places/mine/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([row["place"].pk for row in response.context["rows"]], [mine.pk, waiting.pk])
        self.assertEqual(len(re.findall('data-testid="place-row"', response.content.decode())), 2)
        self.assertContains(response, f'href="/places/{waiting.pk}/edit/"')

    def test_an_officer_without_places_sees_an_empty_list(self) -> None:
        make_place(self.commune_a, "Chợ Đắk Mil", "market")
        response = self.client_for(self.officer_a).get("/places/mine/")
        self.assertEqual(response.context["rows"], [])


class PlacePageTests(SafetyTestCase):
    place: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.place = make_place(cls.commune_a, NASTY, "market", owners=[cls.owner], contact_phone="0912345678")

    def test_officers_above_and_the_owner_see_it(self) -> None:
        for user in (self.officer_a, self.district_officer, self.province_officer, self.admin, self.owner):
            with self.subTest(user=user.username):
                response = self.client_for(user).get(f"/places/{self.place.pk}/")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, self.place.public_code)

    def test_sibling_commune_other_district_and_press_get_404(self) -> None:
        for user in (self.officer_b, self.other_district_officer, self.press):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(f"/places/{self.place.pk}/").status_code, 404)

    def test_html_in_the_name_is_escaped_on_the_page(self) -> None:
        html = self.client_for(self.officer_a).get(f"/places/{self.place.pk}/").content.decode()
        self.assertNotIn("<script>alert", html)
        self.assertIn("&lt;script&gt;", html)

    def test_history_link_for_the_administrator_only(self) -> None:
        url = f"/audit/?type=safety.establishment&amp;id={self.place.pk}"
        self.assertContains(self.client_for(self.admin).get(f"/places/{self.place.pk}/"), url)
        self.assertNotContains(self.client_for(self.officer_a).get(f"/places/{self.place.pk}/"), url)

    def test_decision_buttons_for_officers_on_a_pending_place(self) -> None:
        self.place.registration = Registration.PENDING
        self.place.save()
        accept = f'action="/places/{self.place.pk}/accept/"'
        self.assertContains(self.client_for(self.officer_a).get(f"/places/{self.place.pk}/"), accept)
        self.assertNotContains(self.client_for(self.owner).get(f"/places/{self.place.pk}/"), accept)
