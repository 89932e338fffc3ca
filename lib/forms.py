"""Form helpers every app's pages share: Bootstrap classes on widgets, a date input, an
action's ValidationError put back on the form, and the post of a form page (`submit`)."""

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from lib.uploads import FileTooLarge

T = TypeVar("T")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Django's choice of several records, where a value the table's key cannot hold (a number
    past its range, text for a number) is an invalid choice on the field, not a database error."""

    def clean(self, value: Any) -> Any:
        assert self.queryset is not None
        key = self.to_field_name or "pk"
        model = self.queryset.model
        column = model._meta.pk if key == "pk" else model._meta.get_field(key)
        for chosen in value if isinstance(value, list | tuple) else ():
            try:
                checked = column.to_python(chosen)
                for validator in column.validators:
                    validator(checked)
            except (ValidationError, TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(chosen)[:20]}
                ) from None
        return super().clean(value)


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


def add_errors(
    form: forms.Form, invalid: ValidationError, *, name_unknown: bool = True, at: Mapping[str, str] | None = None
) -> None:
    """Put an action's errors on the form: on their field (or the form field `at` names for it)
    when the form has it, else on top (named by their field unless `name_unknown` is False)."""
    if not hasattr(invalid, "error_dict"):
        for message in invalid.messages:
            form.add_error(None, message)
        return
    for field, texts in invalid.message_dict.items():
        shown = (at or {}).get(field, field)
        target = shown if shown in form.fields else None
        for message in texts:
            named = name_unknown and not target and field
            form.add_error(target, f"{field}: {message}" if named else message)


def page_forms(blank: dict[str, forms.Form | None], sent: forms.Form | None) -> dict[str, forms.Form | None]:
    """A page's forms, each as new but the one that was sent and refused, shown as it was typed."""
    return {name: sent if sent is not None and type(form) is type(sent) else form for name, form in blank.items()}


class Submitted(Generic[T]):
    """What became of a form page's request: `done` with the action's `result`, or not done with
    the status to show the form again with (200 before anything is posted)."""

    def __init__(self, status: int, done: bool = False, result: T | None = None) -> None:
        self.status = status
        self.done = done
        self._result = result

    @property
    def result(self) -> T:
        if not self.done:
            raise ValueError("Nothing was done.")
        return cast(T, self._result)


def submit(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    done: str | Callable[[T], str] = "",
    *,
    invalid: int = 400,
    name_unknown: bool = True,
    at: Mapping[str, str] | None = None,
    show: Callable[[ValidationError], None] | None = None,
    refused: Mapping[type[Exception], int] | None = None,
    refused_field: str | None = None,
) -> Submitted[T]:
    """The post of a form page. Before a post: not done, 200. A posted form that is not valid:
    `invalid` (400). A valid one runs `action(cleaned_data)`: its ValidationError goes on the
    form (`add_errors`, with `name_unknown` and `at`; or `show` puts it) with `invalid`, or 413 for
    a file too large; an exception of a type in `refused` goes on the form at `refused_field`
    (else on top) with the status it maps to; on success the `done` message (text, or made from
    the result) is shown on the next page."""
    if request.method != "POST":
        return Submitted(200)
    if not form.is_valid():
        return Submitted(invalid)
    refusals = tuple(refused or ())
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        if show is None:
            add_errors(form, error, name_unknown=name_unknown, at=at)
        else:
            show(error)
        return Submitted(413 if isinstance(error, FileTooLarge) else invalid)
    except refusals as refusal:
        assert refused is not None
        form.add_error(refused_field, str(refusal))
        return Submitted(next(status for kind, status in refused.items() if isinstance(refusal, kind)))
    if done:
        messages.success(request, done if isinstance(done, str) else done(result))
    return Submitted(200, True, result)
