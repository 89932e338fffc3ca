"""The list of places whose self-assessment is overdue or was never made, and its Excel export."""

from datetime import timedelta
from io import BytesIO
from unittest import mock

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safety.actions.assessments import submit_assessment
from safety.models import Establishment, OperatingStatus
from testing import SAFE_ANSWERS, UNSAFE_ANSWERS, SafetyTestCase, make_place

URL = reverse("safety:overdue")
EXPORT = reverse("safety:overdue_export")


class OverdueData(SafetyTestCase):
    long_overdue: Establishment
    overdue: Establishment
    current: Establishment
    never: Establishment
    sibling_overdue: Establishment
    sibling_never: Establishment
    far_overdue: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()

        def assessed(unit, name, type_code, days_ago, answers=SAFE_ANSWERS, **extra):  # type: ignore[no-untyped-def]
            place = make_place(unit, name, type_code, **extra)
            submit_assessment(place, cls.criteria_set, answers, by=None, now=now - timedelta(days=days_ago))
            return place

        # The set is valid 7 days: 10 days ago → 3 days overdue; 20 days ago → 13 days overdue.
        cls.long_overdue = assessed(
            cls.village_a, '=HYPERLINK("http://x")', "restaurant", 20, contact_phone="0912345678"
        )
        cls.overdue = assessed(cls.commune_a, "Chợ Đức Mạnh", "market", 10, UNSAFE_ANSWERS, contact_name="Chị Lan")
        cls.current = assessed(cls.commune_a, "Siêu thị Đức Mạnh", "supermarket", 1)
        cls.never = make_place(cls.commune_a, "Trường Tiểu học Đức Mạnh", "school")
        make_place(cls.commune_a, "Chợ cũ", "market", status=OperatingStatus.CLOSED)
        cls.sibling_overdue = assessed(cls.commune_b, "Chợ Đắk Lao", "market", 11)
        cls.sibling_never = make_place(cls.commune_b, "Siêu thị Đắk Lao", "supermarket")
        cls.far_overdue = assessed(cls.other_commune, "Chợ Krông Nô", "market", 12)


class OverdueListTests(OverdueData):
    def listed(self, user, **params: str) -> list[int]:  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(URL, params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return [place.pk for place, *_rest in response.context["rows"]]

    def test_commune_officer_sees_overdue_most_overdue_first_then_never_assessed(self) -> None:
        self.assertEqual(self.listed(self.officer_a), [self.long_overdue.pk, self.overdue.pk, self.never.pk])
        response = self.client_for(self.officer_a).get(URL)
        days = {place.pk: days for place, days, *_rest in response.context["rows"]}
        self.assertEqual(days, {self.long_overdue.pk: 13, self.overdue.pk: 3, self.never.pk: None})

    def test_which_filter(self) -> None:
        self.assertEqual(self.listed(self.officer_a, which="overdue"), [self.long_overdue.pk, self.overdue.pk])
        self.assertEqual(self.listed(self.officer_a, which="never"), [self.never.pk])

    def test_type_and_unit_filters(self) -> None:
        self.assertEqual(self.listed(self.district_officer, type="market"), [self.sibling_overdue.pk, self.overdue.pk])
        self.assertEqual(
            self.listed(self.district_officer, unit=self.commune_b.code),
            [self.sibling_overdue.pk, self.sibling_never.pk],
        )
        self.assertEqual(self.listed(self.district_officer, unit=self.village_a.code), [self.long_overdue.pk])

    def test_jurisdiction(self) -> None:
        self.assertEqual(self.listed(self.officer_b), [self.sibling_overdue.pk, self.sibling_never.pk])
        self.assertEqual(self.client_for(self.officer_b).get(URL, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.listed(self.other_district_officer), [self.far_overdue.pk])
        self.assertEqual(len(self.listed(self.province_officer)), 6)
        self.assertEqual(self.client_for(self.owner).get(URL).status_code, 403)

    def test_bad_filter_is_400_with_the_field_marked(self) -> None:
        response = self.client_for(self.officer_a).get(URL, {"type": "spaceship", "which": "sometimes"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"type", "which"})
        self.assertContains(response, 'data-field-error="type"', count=1, status_code=400)
        self.assertContains(response, 'data-field-error="which"', count=1, status_code=400)
        self.assertEqual(self.client_for(self.officer_a).get(URL, {"unit": "99999"}).status_code, 404)

    def test_the_unit_box_shows_the_unit_listed(self) -> None:
        response = self.client_for(self.officer_a).get(URL)
        self.assertContains(response, f'name="unit" value="{self.commune_a.code}"')
        response = self.client_for(self.district_officer).get(URL, {"unit": self.commune_b.code})
        self.assertContains(response, f'name="unit" value="{self.commune_b.code}"')

    def test_paginated(self) -> None:
        with mock.patch("safety.views.dashboard.PAGE_SIZE", 2):
            first = self.client_for(self.province_officer).get(URL)
            second = self.client_for(self.province_officer).get(URL, {"page": "2"})
            beyond = self.client_for(self.province_officer).get(URL, {"page": "abc"})
        self.assertEqual(first.context["page"].paginator.count, 6)
        self.assertEqual(len(first.context["rows"]), 2)
        self.assertEqual([p.pk for p, *_rest in second.context["rows"]], [self.sibling_overdue.pk, self.overdue.pk])
        self.assertEqual(beyond.status_code, 200)
        self.assertContains(first, "?page=2")

    def test_names_are_escaped(self) -> None:
        place = make_place(self.commune_a, "<script>alert(1)</script>", "market")
        response = self.client_for(self.officer_a).get(URL)
        self.assertIn(place.pk, [p.pk for p, *_rest in response.context["rows"]])
        self.assertNotContains(response, "<script>alert(1)</script>")


class OverdueExportTests(OverdueData):
    def rows(self, user, **params: str) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
        response = self.client_for(user).get(EXPORT, params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertIn(".xlsx", response["Content-Disposition"])
        sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]  # type: ignore[attr-defined]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]

    def test_export_holds_every_row_of_the_list(self) -> None:
        rows = self.rows(self.officer_a)
        self.assertEqual(len(rows), 4)  # the header and three places
        names = [row[0] for row in rows[1:]]
        self.assertEqual(names, ['=HYPERLINK("http://x")', "Chợ Đức Mạnh", "Trường Tiểu học Đức Mạnh"])
        first, second, never = rows[1:]
        self.assertEqual(
            (first[1], first[2], first[6], first[8]), ("Nhà hàng, quán ăn", self.village_a.name, 13, "0912345678")
        )
        self.assertEqual((second[6], second[7]), (3, "Chị Lan"))
        self.assertEqual(second[5].date(), timezone.localtime(self.overdue.valid_until).date())
        self.assertEqual((never[5], never[6]), (None, None))

    def test_export_follows_filters_and_jurisdiction(self) -> None:
        self.assertEqual([row[0] for row in self.rows(self.officer_a, which="never")[1:]], ["Trường Tiểu học Đức Mạnh"])
        self.assertEqual([row[0] for row in self.rows(self.officer_b)[1:]], ["Chợ Đắk Lao", "Siêu thị Đắk Lao"])
        self.assertEqual(self.client_for(self.officer_b).get(EXPORT, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.client_for(self.officer_a).get(EXPORT, {"which": "x"}).status_code, 400)

    def test_a_formula_like_name_stays_text(self) -> None:
        response = self.client_for(self.officer_a).get(EXPORT)
        sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]  # type: ignore[attr-defined]
        self.assertEqual(sheet["A2"].data_type, "s")

    def test_too_big_an_export_is_413(self) -> None:
        with mock.patch("safety.views.dashboard.EXPORT_LIMIT", 2):
            response = self.client_for(self.province_officer).get(EXPORT)
        self.assertEqual(response.status_code, 413)
        self.assertEqual(len(self.rows(self.officer_a, which="overdue")), 3)
