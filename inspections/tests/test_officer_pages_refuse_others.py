"""Officer pages answer 403 to the press and to owners, not an empty page; an owner still sees
the inspections of their own places."""

from django.urls import reverse

from .base import InspectionTestCase


class OfficerPagesTests(InspectionTestCase):
    def test_screening_is_for_officers_and_inspectors(self) -> None:
        for path in (reverse("inspections:campaigns"), reverse("inspections:campaign_new")):
            for user in (self.owner, self.press):
                with self.subTest(path=path, user=user.username):
                    self.assertEqual(self.client_for(user).get(path).status_code, 403)
            self.assertEqual(self.client_for(self.officer_a).get(path).status_code, 200)
        self.assertEqual(self.client_for(self.inspector).get(reverse("inspections:campaigns")).status_code, 200)

    def test_the_inspection_list_refuses_the_press(self) -> None:
        self.assertEqual(self.client_for(self.press).get(reverse("inspections:list")).status_code, 403)
        self.assertEqual(self.client_for(self.inspector).get(reverse("inspections:list")).status_code, 200)
        self.assertEqual(self.client_for(self.owner).get(reverse("inspections:list")).status_code, 200)
