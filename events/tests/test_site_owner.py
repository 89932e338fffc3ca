from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from events import actions, queries
from testing import make_place

from .base import EventTestCase


class SiteOwnerTests(EventTestCase):
    def test_the_choices_are_the_users_of_the_site_unit_and_above_within_the_jurisdiction(self) -> None:
        self.assertEqual(queries.owner_choices(self.officer_a, self.site_a), [self.officer_a])
        by_district = queries.owner_choices(self.district_officer, self.site_a)
        self.assertIn(self.officer_a, by_district)
        self.assertIn(self.district_officer, by_district)
        self.assertIn(self.inspector, by_district)
        self.assertNotIn(self.officer_b, by_district)
        self.assertNotIn(self.province_officer, by_district)
        self.assertIn(self.province_officer, queries.owner_choices(self.province_officer, self.site_a))

    def test_the_district_makes_a_commune_officer_responsible_and_it_is_audited(self) -> None:
        response = self.client_for(self.district_officer).post(
            f"/events/{self.event.pk}/sites/{self.site_a.pk}/owner/", {"owner": self.officer_a.pk}
        )
        self.assertEqual(response.status_code, 302)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.owner, self.officer_a)
        entry = AuditEntry.objects.filter(object_id=str(self.site_a.pk), content_type__model="site").latest("pk")
        self.assertEqual(entry.actor, self.district_officer)
        self.assertEqual((entry.after or {}).get("owner_id"), self.officer_a.pk)

    def test_a_user_of_a_sibling_commune_cannot_be_made_responsible(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.set_site_owner(self.site_a, self.district_officer, owner=self.officer_b)
        self.assertIn("owner", caught.exception.message_dict)
        response = self.client_for(self.district_officer).post(
            f"/events/{self.event.pk}/sites/{self.site_a.pk}/owner/", {"owner": self.officer_b.pk}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "không thể phụ trách", status_code=400)
        self.site_a.refresh_from_db()
        self.assertIsNone(self.site_a.owner)

    def test_a_sibling_officer_cannot_change_the_responsible_person(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.set_site_owner(self.site_a, self.officer_b, owner=self.officer_b)
        response = self.client_for(self.officer_b).post(
            f"/events/{self.event.pk}/sites/{self.site_a.pk}/owner/", {"owner": self.officer_b.pk}
        )
        self.assertEqual(response.status_code, 403)
        self.site_a.refresh_from_db()
        self.assertIsNone(self.site_a.owner)

    def test_the_site_page_offers_the_choices_and_a_new_site_checks_its_owner(self) -> None:
        page = self.client_for(self.officer_a).get(f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        self.assertContains(page, f'<option value="{self.officer_a.pk}"')
        self.assertNotContains(page, f'<option value="{self.district_officer.pk}"')
        place = make_place(self.commune_a, name="Nhà văn hóa thôn 2", type_code="polling_station")
        with self.assertRaises(ValidationError):
            actions.add_site(self.event, self.officer_a, place=place, owner=self.district_officer)
        site = actions.add_site(self.event, self.officer_a, place=place, owner=self.officer_a)
        self.assertEqual(site.owner, self.officer_a)
