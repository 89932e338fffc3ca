"""Form helpers every app's pages share: Bootstrap classes on widgets, a date input, and an
action's ValidationError put back on the form."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class Styled:
    """Bootstrap classes on every widget, so templates render fields plainly."""

    fields: dict[str, forms.Field]

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class StyledForm(Styled, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def style(form: forms.Form) -> None:
    """Bootstrap classes on every widget, as the directives and outreach pages have them (a list
    of several choices keeps the look of a text box)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs.setdefault("class", "form-control")


def add_errors(form: forms.Form, invalid: ValidationError, *, name_unknown: bool = True) -> None:
    """Put an action's errors on the form: on their field when the form has it, else on top (named
    by their field unless `name_unknown` is False)."""
    if not hasattr(invalid, "error_dict"):
        for message in invalid.messages:
            form.add_error(None, message)
        return
    for field, messages in invalid.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            named = name_unknown and not target and field
            form.add_error(target, f"{field}: {message}" if named else message)
