"""Owners' registrations wait; officers of the unit or above accept or reject them (page and API)."""

from typing import Any

from safety.models import Establishment, MapCell, Registration
from testing import SafetyTestCase, make_place

API = "/api/v1/establishments"


def map_total() -> int:
    return sum(MapCell.objects.filter(grid=0).values_list("count", flat=True))


class AcceptFlowTests(SafetyTestCase):
    def register_as_owner(self) -> Establishment:
        body = {"name": "Quán cơm Bình Dân", "type": "restaurant", "unit": self.village_a.code}
        response = self.api_post(self.owner, API, body)
        self.assertEqual(response.status_code, 201)
        return Establishment.objects.get(pk=response.json()["id"])

    def test_pending_then_accepted_appears_on_the_map(self) -> None:
        place = self.register_as_owner()
        self.assertEqual(place.registration, Registration.PENDING)
        self.assertFalse(place.is_public)
        self.assertEqual(map_total(), 0)

        pending = self.client_for(self.officer_a).get("/places/pending/")
        self.assertEqual(pending.status_code, 200)
        self.assertEqual([p.pk for p in pending.context["page"]], [place.pk])

        response = self.client_for(self.officer_a).post(f"/places/{place.pk}/accept/", {"next": "/places/pending/"})
        self.assertRedirects(response, "/places/pending/", fetch_redirect_response=False)
        place.refresh_from_db()
        self.assertEqual(place.registration, Registration.ACCEPTED)
        self.assertEqual(map_total(), 1)
        self.assertEqual(list(self.client_for(self.officer_a).get("/places/pending/").context["page"]), [])

    def test_owner_sees_the_state_of_their_registration(self) -> None:
        place = self.register_as_owner()
        mine = self.client_for(self.owner).get("/places/mine/")
        self.assertEqual(mine.status_code, 200)
        self.assertEqual([row["place"].pk for row in mine.context["rows"]], [place.pk])
        self.assertContains(mine, 'data-testid="registration"')
        self.client_for(self.officer_a).post(f"/places/{place.pk}/reject/")
        place.refresh_from_db()
        self.assertEqual(place.registration, Registration.REJECTED)
        page = self.client_for(self.owner).get(f"/places/{place.pk}/")
        self.assertEqual(page.context["place"].registration, Registration.REJECTED)

    def test_pending_list_holds_only_the_officers_jurisdiction(self) -> None:
        mine = make_place(self.commune_a, "Quán A", "restaurant", registration=Registration.PENDING)
        theirs = make_place(self.commune_b, "Quán B", "restaurant", registration=Registration.PENDING)
        make_place(self.commune_b, "Chợ B", "market")  # accepted already
        listed = self.client_for(self.officer_a).get("/places/pending/").context["page"]
        self.assertEqual([p.pk for p in listed], [mine.pk])
        listed = self.client_for(self.district_officer).get("/places/pending/").context["page"]
        self.assertEqual({p.pk for p in listed}, {mine.pk, theirs.pk})

    def test_pending_list_is_for_officers_only(self) -> None:
        for user in (self.owner, self.press, self.inspector):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get("/places/pending/").status_code, 403)

    def test_sibling_officer_cannot_accept_a_place_they_cannot_see(self) -> None:
        place = self.register_as_owner()
        self.assertEqual(self.client_for(self.officer_b).post(f"/places/{place.pk}/accept/").status_code, 404)
        response = self.client.post(f"{API}/{place.pk}/accept", headers=self.api_headers(self.officer_b))
        self.assertEqual(response.status_code, 404)
        place.refresh_from_db()
        self.assertEqual(place.registration, Registration.PENDING)

    def test_owner_and_inspector_may_not_decide(self) -> None:
        place = self.register_as_owner()
        for user in (self.owner, self.inspector):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).post(f"/places/{place.pk}/accept/").status_code, 403)
                response = self.client.post(f"{API}/{place.pk}/reject", headers=self.api_headers(user))
                self.assertEqual(response.status_code, 403)
        place.refresh_from_db()
        self.assertEqual(place.registration, Registration.PENDING)

    def test_accept_needs_post(self) -> None:
        place = self.register_as_owner()
        self.assertEqual(self.client_for(self.officer_a).get(f"/places/{place.pk}/accept/").status_code, 405)

    def test_api_accept_and_reject_with_409_for_a_decided_registration(self) -> None:
        place = self.register_as_owner()
        headers = self.api_headers(self.district_officer)
        response = self.client.post(f"{API}/{place.pk}/reject", headers=headers)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["registration"], "rejected")
        self.assertEqual(self.client.post(f"{API}/{place.pk}/reject", headers=headers).status_code, 409)
        response = self.client.post(f"{API}/{place.pk}/accept", headers=headers)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["registration"], "accepted")
        self.assertEqual(self.client.post(f"{API}/{place.pk}/accept", headers=headers).status_code, 409)
        self.assertEqual(self.client.post(f"{API}/{place.pk}/reject", headers=headers).status_code, 409)

    def test_page_shows_the_conflict_instead_of_failing(self) -> None:
        place = make_place(self.commune_a, "Chợ", "market")
        client: Any = self.client_for(self.officer_a)
        response = client.post(f"/places/{place.pk}/accept/", follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([m.level_tag for m in response.context["messages"]], ["error"])

    def test_next_must_stay_on_this_site(self) -> None:
        place = self.register_as_owner()
        response = self.client_for(self.officer_a).post(f"/places/{place.pk}/accept/", {"next": "https://example.com/"})
        self.assertRedirects(response, f"/places/{place.pk}/", fetch_redirect_response=False)
