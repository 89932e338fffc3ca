"""A place's history of assessments, newest first, for its owners and the officers above it."""

from django.urls import reverse

from safety.actions.assessments import submit_assessment
from testing import SAFE_ANSWERS, AssessedPlaceTestCase, make_place


class AssessmentHistoryTests(AssessedPlaceTestCase):
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        other = make_place(cls.commune_a, "Siêu thị Đắk Mil", type_code="supermarket")
        submit_assessment(other, cls.criteria_set, SAFE_ANSWERS, by=None)
        cls.url = reverse("safety:history", kwargs={"pk": cls.place.pk})

    def test_newest_first_and_only_this_place(self) -> None:
        response = self.client_for(self.owner).get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [a.pk for a, _state in response.context["rows"]], [self.newest.pk, self.middle.pk, self.oldest.pk]
        )
        self.assertContains(response, reverse("safety:assessment", kwargs={"pk": self.oldest.pk}))

    def test_sibling_commune_and_other_owner_are_refused(self) -> None:
        other_owner = type(self.owner).objects.create_user("other_owner", password="x-long-password")
        for user in (self.officer_b, self.other_district_officer, other_owner):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(self.url).status_code, 403)
        self.assertEqual(self.client_for(self.district_officer).get(self.url).status_code, 200)

    def test_a_place_never_assessed_says_so(self) -> None:
        fresh = make_place(self.commune_a, "Trường Tiểu học Đức Mạnh", type_code="school", owners=[self.owner])
        response = self.client_for(self.owner).get(reverse("safety:history", kwargs={"pk": fresh.pk}))
        self.assertContains(response, 'data-testid="no-history"')
