"""Violations choose their unit with the unit picker: the form, the officers' filter, the public
filter and the report. A code that is no unit is the field's error in Vietnamese, never a 404."""

from datetime import timedelta

from django.urls import reverse

from enforcement.models import Violation
from safety.pickers import place_label
from territory.queries import unit_label

from .base import TODAY, ViolationTestCase


class ViolationFormPickerTests(ViolationTestCase):
    def form(self, **changes):  # type: ignore[no-untyped-def]
        return {
            "offender_kind": "person",
            "offender_name": "Trần Văn Bảy",
            "type": "khong-deo-khau-trang",
            "act": "Không đeo khẩu trang nơi công cộng",
            "unit": self.village_a.code,
            "occurred_on": str(TODAY() - timedelta(days=1)),
            **changes,
        }

    def test_the_place_of_the_violation_is_a_unit_picker(self) -> None:
        page = self.client_for(self.officer_a).get(reverse("enforcement:new"))
        self.assertContains(page, f'data-picker="{reverse("units:pick")}?scheme=legacy"')
        self.assertContains(page, 'role="combobox"')
        self.assertContains(page, 'role="listbox"')

    def test_the_label_the_picker_writes_is_read_back_as_its_unit(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post(reverse("enforcement:new"), self.form(unit=unit_label(self.village_a)))
        violation = Violation.objects.get()
        self.assertRedirects(response, reverse("enforcement:detail", kwargs={"pk": violation.pk}))
        self.assertEqual(violation.unit, self.village_a)
        edit = client.get(reverse("enforcement:edit", kwargs={"pk": violation.pk}))
        self.assertContains(edit, f'value="{unit_label(self.village_a)}"')

    def test_a_code_that_is_no_unit_is_refused_next_to_the_field(self) -> None:
        response = self.client_for(self.officer_a).post(reverse("enforcement:new"), self.form(unit="99999"))
        self.assertContains(response, 'data-field-error="unit"', status_code=400)
        self.assertContains(response, "không có trong các lựa chọn", status_code=400)
        self.assertFalse(Violation.objects.exists())

    def test_a_unit_of_the_sibling_commune_is_refused(self) -> None:
        response = self.client_for(self.officer_b).post(reverse("enforcement:new"), self.form())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Violation.objects.exists())


class ViolationFilterPickerTests(ViolationTestCase):
    def test_the_officers_filter_picks_in_the_jurisdiction(self) -> None:
        client = self.client_for(self.district_officer)
        page = client.get(reverse("enforcement:list"))
        self.assertContains(page, f'data-picker="{reverse("units:pick")}?scheme=legacy"')
        page = client.get(reverse("enforcement:list"), {"unit": unit_label(self.commune_a)})
        self.assertEqual(page.context["unit"], self.commune_a)

    def test_the_officers_filter_refuses_a_code_that_is_no_unit_and_a_sibling(self) -> None:
        page = self.client_for(self.officer_a).get(reverse("enforcement:list"), {"unit": "abc"})
        self.assertContains(page, 'data-field-error="unit"', status_code=400)
        page = self.client_for(self.officer_a).get(reverse("enforcement:list"), {"unit": self.commune_b.code})
        self.assertEqual(page.status_code, 403)

    def test_the_public_filter_picks_among_every_unit(self) -> None:
        self.published()
        page = self.client.get(reverse("enforcement:public_list"))
        self.assertContains(page, f'data-picker="{reverse("units:pick")}?scheme=legacy&amp;scope=all"')
        found = self.client.get(reverse("enforcement:public_list"), {"unit": unit_label(self.district)})
        self.assertEqual(len(found.context["rows"]), 1)
        elsewhere = self.client.get(reverse("enforcement:public_list"), {"unit": self.other_district.code})
        self.assertEqual(elsewhere.context["rows"], [])
        wrong = self.client.get(reverse("enforcement:public_list"), {"unit": "no such place"})
        self.assertContains(wrong, 'data-field-error="unit"', status_code=400)

    def test_the_report_picks_its_unit(self) -> None:
        page = self.client_for(self.district_officer).get(reverse("enforcement:report"), {"unit": "0"})
        self.assertContains(page, 'data-field-error="unit"', status_code=400)
        page = self.client_for(self.district_officer).get(reverse("enforcement:report"), {"unit": self.commune_b.code})
        self.assertEqual(page.context["unit"], self.commune_b)


class ViolationPlacePickerTests(ViolationTestCase):
    def form(self, **changes):  # type: ignore[no-untyped-def]
        return {
            "offender_kind": "place",
            "type": "khong-deo-khau-trang",
            "act": "Không bố trí nước sát khuẩn ở lối vào",
            "occurred_on": str(TODAY() - timedelta(days=1)),
            **changes,
        }

    def test_the_place_is_a_place_picker(self) -> None:
        page = self.client_for(self.officer_a).get(reverse("enforcement:new"))
        self.assertContains(page, f'data-picker="{reverse("safety:place_pick")}"')

    def test_the_picked_place_and_a_typed_code_in_small_letters_are_taken(self) -> None:
        client = self.client_for(self.officer_a)
        client.post(reverse("enforcement:new"), self.form(establishment=place_label(self.place_a)))
        client.post(reverse("enforcement:new"), self.form(establishment=self.place_a.public_code.lower()))
        self.assertEqual([v.establishment for v in Violation.objects.all()], [self.place_a, self.place_a])

    def test_a_code_of_no_place_or_of_the_siblings_place_is_the_fields_error(self) -> None:
        client = self.client_for(self.officer_a)
        for code in ("ZZZZ9999", self.place_b.public_code):
            response = client.post(reverse("enforcement:new"), self.form(establishment=code))
            self.assertContains(response, 'data-field-error="establishment"', status_code=400)
        self.assertFalse(Violation.objects.exists())
