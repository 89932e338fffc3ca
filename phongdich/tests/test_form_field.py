"""Every form field looks and behaves the same on every page: its label (a legend over a list of
choices), a * when it is required, its help text and its errors named by the widget, each error
marked with the field's name."""

import re

from django import forms
from django.template.loader import render_to_string
from django.test import SimpleTestCase

from lib.forms import StyledForm


class Sample(StyledForm):
    title = forms.CharField(label="Tên", help_text="Ghi đầy đủ.")
    note = forms.CharField(label="Ghi chú", required=False)
    urgent = forms.BooleanField(label="Khẩn", required=False)
    kinds = forms.MultipleChoiceField(
        label="Loại", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, help_text="Chọn một."
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def render(form: forms.Form, name: str) -> str:
    return render_to_string("_field.html", {"field": form[name]})


def ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


class FormFieldTests(SimpleTestCase):
    def test_an_error_is_marked_with_its_field_and_named_by_the_widget(self) -> None:
        form = Sample({"kinds": ["a"]})
        self.assertFalse(form.is_valid())
        html = render(form, "title")
        self.assertIn(
            '<label class="form-label" for="id_title">Tên <span class="text-danger" aria-hidden="true">*</span>', html
        )
        self.assertEqual(re.findall(r'data-field-error="(\w+)"', html), ["title"])
        described = re.search(r'<input[^>]*aria-describedby="([^"]+)"', html)
        assert described is not None
        self.assertEqual(described.group(1).split(), ["id_title_helptext", "id_title_error"])
        self.assertLessEqual(set(described.group(1).split()), ids(html))
        self.assertIn('aria-invalid="true"', html)

    def test_an_optional_field_has_no_star_and_a_valid_one_no_error(self) -> None:
        form = Sample({"title": "Chợ", "kinds": ["a"]})
        self.assertTrue(form.is_valid())
        html = render(form, "note")
        self.assertNotIn("*", html)
        self.assertNotIn("data-field-error", html)
        self.assertNotIn("aria-describedby", html)

    def test_a_checkbox_has_its_label_after_the_box(self) -> None:
        html = render(Sample(), "urgent")
        self.assertRegex(
            html,
            r'<div class="form-check"><input type="checkbox"[^>]*id="id_urgent"[^>]*> '
            r'<label class="form-check-label" for="id_urgent">Khẩn</label>',
        )

    def test_a_list_of_choices_is_a_fieldset_named_by_its_legend_and_described_by_its_help(self) -> None:
        form = Sample({"title": "Chợ"})
        self.assertFalse(form.is_valid())
        html = render(form, "kinds")
        self.assertIn(
            '<legend class="form-label fs-6 mb-1">Loại <span class="text-danger" aria-hidden="true">*</span></legend>',
            html,
        )
        described = re.search(r'<fieldset aria-describedby="([^"]+)"', html)
        assert described is not None
        self.assertEqual(described.group(1).split(), ["id_kinds_helptext", "id_kinds_error"])
        self.assertLessEqual(set(described.group(1).split()), ids(html))
        self.assertEqual(re.findall(r'data-field-error="(\w+)"', html), ["kinds"])
        self.assertEqual(html.count('type="checkbox"'), 2)

    def test_a_label_may_be_read_out_but_not_shown(self) -> None:
        html = render_to_string("_field.html", {"field": Sample()["title"], "label_hidden": True})
        self.assertIn('<label class="visually-hidden" for="id_title">Tên', html)

    def test_a_hidden_field_is_only_its_input(self) -> None:
        self.assertEqual(render(Sample(), "secret").strip(), str(Sample()["secret"]))

    def test_the_form_s_own_errors_stand_above_it(self) -> None:
        form = Sample({"title": "Chợ", "kinds": ["a"]})
        self.assertTrue(form.is_valid())
        form.add_error(None, "Trùng với một cơ sở đã có.")
        html = render_to_string("_form_errors.html", {"form": form})
        self.assertIn('role="alert" data-testid="form-errors"><div>Trùng với một cơ sở đã có.</div>', html)
        self.assertEqual(render_to_string("_form_errors.html", {"form": Sample()}).strip(), "")
