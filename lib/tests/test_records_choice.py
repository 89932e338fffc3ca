"""Choosing several records by number: a number the table's key cannot hold, or text, is an invalid
choice on the field (the form again, with its message), never a database error."""

from django import forms
from django.contrib.auth.models import Group
from django.test import TestCase

from lib.forms import RecordsChoiceField


class GroupsForm(forms.Form):
    groups = RecordsChoiceField(queryset=Group.objects.all())


class RecordsChoiceFieldTests(TestCase):
    group: Group

    @classmethod
    def setUpTestData(cls) -> None:
        cls.group = Group.objects.create(name="Cán bộ thử")

    def test_records_chosen_by_number(self) -> None:
        form = GroupsForm({"groups": [str(self.group.pk)]})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(list(form.cleaned_data["groups"]), [self.group])

    def test_a_number_past_the_keys_range_or_text_is_an_invalid_choice(self) -> None:
        for chosen in ("99999999999999999999", "-99999999999999999999", "mười", "1.5"):
            with self.subTest(chosen=chosen):
                form = GroupsForm({"groups": [str(self.group.pk), chosen]})
                self.assertFalse(form.is_valid())
                self.assertEqual(form.errors.as_data()["groups"][0].code, "invalid_pk_value")

    def test_a_number_of_no_record_is_refused_as_django_does(self) -> None:
        form = GroupsForm({"groups": [str(self.group.pk + 1000)]})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors.as_data()["groups"][0].code, "invalid_choice")
