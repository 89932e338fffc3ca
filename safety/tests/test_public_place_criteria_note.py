"""A place's public page says "the official criteria set" only when the set it was assessed with is
complete; with a partial set it says the result is indicative."""

from safety.actions.assessments import submit_assessment
from safety.models import CriteriaSet, CriteriaSetStatus
from testing import SAFE_ANSWERS, SafetyTestCase, make_place


class CriteriaNoteTests(SafetyTestCase):
    def note(self, place) -> str:  # type: ignore[no-untyped-def]
        page = self.client.get(f"/p/{place.public_code}").content.decode()
        start = page.index('data-testid="criteria-note"')
        return page[start : page.index("</p>", start)]

    def assessed_with(self, status: str) -> str:
        CriteriaSet.objects.filter(pk=self.criteria_set.pk).update(status=status)
        self.criteria_set.refresh_from_db()
        place = make_place(self.commune_a, "Chợ Đức Mạnh", owners=[self.owner])
        submit_assessment(place, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        return self.note(place)

    def test_a_complete_set_is_called_official(self) -> None:
        note = self.assessed_with(CriteriaSetStatus.COMPLETE)
        self.assertIn("bộ tiêu chí chính thức", note)
        self.assertIn(self.criteria_set.title, note)

    def test_a_partial_set_is_not(self) -> None:
        note = self.assessed_with(CriteriaSetStatus.PARTIAL)
        self.assertNotIn("bộ tiêu chí chính thức", note)
        self.assertIn("chưa đầy đủ", note)

    def test_a_place_never_assessed_claims_no_set(self) -> None:
        place = make_place(self.commune_a, "Chợ Thuận An", owners=[self.owner])
        self.assertNotIn("bộ tiêu chí chính thức", self.note(place))
