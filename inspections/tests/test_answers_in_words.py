"""An inspection's answers read as words on its page — the option's label, "Đạt"/"Không đạt",
1.200 with grouped thousands — never the stored codes ("yes", "pass", "fail", 1200); a unit
inspection (no points) shows no empty points column."""

import re

from django.urls import reverse

from .base import InspectionTestCase


class AnswersInWordsTests(InspectionTestCase):
    def answers_on_page(self, inspection) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
        self.client.force_login(self.district_officer)
        page = self.client.get(reverse("inspections:detail", kwargs={"pk": inspection.pk})).content.decode()
        return re.findall(r'data-testid="answer">([^<]*)<', page), page

    def test_a_place_inspection_shows_labels_and_points(self) -> None:
        answers = {"plan": "yes", "masks": "fail", "staff": 1200, "toilets": "na"}
        found = self.inspected(self.district_officer, self.place_a, outcome="violation", answers=answers)
        words, page = self.answers_on_page(found)
        self.assertEqual(words, ["Có", "Không đạt", "1.200", "Không áp dụng"])
        self.assertIn("Điểm", page)
        for code in (">yes<", ">fail<", ">1200<", ">na<"):
            self.assertNotIn(code, page)

    def test_a_unit_inspection_says_passed_and_has_no_points_column(self) -> None:
        found = self.inspected(self.district_officer, self.commune_a)
        words, page = self.answers_on_page(found)
        self.assertTrue(words)
        self.assertEqual(set(words), {"Đạt"})
        table = page[page.index('data-testid="answers"') :]
        table = table[: table.index("</table>")]
        self.assertNotIn("Điểm", table)
