"""Choosing several records by number: a number the table's key cannot hold, or text, is an invalid
choice on the field (the form again, with its message), never a database error."""

from django import forms
from django.test import TestCase

from lib.forms import RecordsChoiceField
from territory.models import AdminUnit, Level, Scheme


class UnitsForm(forms.Form):
    units = RecordsChoiceField(queryset=AdminUnit.objects.all())


class RecordsChoiceFieldTests(TestCase):
    unit: AdminUnit

    @classmethod
    def setUpTestData(cls) -> None:
        cls.unit = AdminUnit.objects.create(scheme=Scheme.LEGACY, code="99", name="Tỉnh Thử", level=Level.PROVINCE)

    def test_records_chosen_by_number(self) -> None:
        form = UnitsForm({"units": [str(self.unit.pk)]})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(list(form.cleaned_data["units"]), [self.unit])

    def test_a_number_past_the_keys_range_or_text_is_an_invalid_choice(self) -> None:
        for chosen in ("99999999999999999999", "-99999999999999999999", "mười", "1.5"):
            with self.subTest(chosen=chosen):
                form = UnitsForm({"units": [str(self.unit.pk), chosen]})
                self.assertFalse(form.is_valid())
                self.assertEqual(form.errors.as_data()["units"][0].code, "invalid_pk_value")

    def test_a_number_of_no_record_is_refused_as_django_does(self) -> None:
        form = UnitsForm({"units": [str(self.unit.pk + 1000)]})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors.as_data()["units"][0].code, "invalid_choice")
