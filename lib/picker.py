"""The searchable picker: a form field whose value is a code (a unit's, a place's public code, an
organisation's), typed or chosen from a short list the server searches as one types.

Without JavaScript the field is a plain text box that takes the code; `static/js/picker.js`
turns it into a combobox that asks the field's search endpoint (`?q=…`) for at most
`PICK_LIMIT` matches. A chosen entry is written into the box as its label ending in "(code)",
and the field reads the code back from the brackets, so a typed code and a chosen label are
the same to the server. The app that owns a kind offers the endpoint (it cuts the matches to
the user's jurisdiction) and a field built on `PickField` or `PickMultipleField`.
"""

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

PICK_LIMIT = 10  # matches sent per search: enough to pick from on a phone, cheap on a million rows
MAX_QUERY = 100

_TRAILING_CODE = re.compile(r"\(([^()]+)\)\s*$")
_SEPARATORS = re.compile(r"[,;\n]+")


def code_of(text: Any) -> str:
    """The code in "Xã Đức Mạnh — Huyện Đắk Mil (24637)", or the text itself when typed as a code."""
    text = str(text or "").strip()
    found = _TRAILING_CODE.search(text)
    return found.group(1).strip() if found else text


def search_text(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def pick_results(items: Iterable[Mapping[str, Any]]) -> JsonResponse:
    """A search endpoint's answer: `{"results": [{"value", "label", "hint"?, "members"?}, …]}`,
    where `members` (a group's) are entries added together when the group is chosen."""
    return JsonResponse({"results": list(items)[:PICK_LIMIT]}, json_dumps_params={"ensure_ascii": False})


class PickerInput(forms.TextInput):
    """A text box that takes a code; with JavaScript, a combobox searching `url`."""

    def __init__(self, url: str, params: Mapping[str, str] | None = None, attrs: dict[str, Any] | None = None):
        super().__init__(attrs={"class": "form-control", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.url, self.params = url, dict(params or {})
        self.label_for: Callable[[str], str] = str

    def search_url(self) -> str:
        url = self.url if self.url.startswith("/") else reverse(self.url)
        return f"{url}?{urlencode(self.params)}" if self.params else url

    def format_value(self, value: Any) -> str | None:
        code = code_of(value)
        return self.label_for(code) if code else None

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        """The box, and the list box the script fills (hidden, and never filled without it)."""
        attrs = {**(attrs or {}), "data-picker": self.search_url(), **self.messages()}
        list_id = f"{(attrs.get('id') or name)}-list"
        attrs.update(self.combobox_attrs(list_id))
        box = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="picker">{}<ul class="picker-list list-group" id="{}" role="listbox" hidden></ul>'
            '<div class="picker-status visually-hidden" role="status" aria-live="polite"></div></div>',
            box,
            list_id,
        )

    @staticmethod
    def messages() -> dict[str, str]:
        """What the script says, in the page's language."""
        return {
            "data-picker-none": str(_("Nothing matches: try another spelling or the code.")),
            "data-picker-found": str(_("matches")),
            "data-picker-remove": str(_("Remove")),
            "data-picker-placeholder": str(_("Type a name or code to add")),
        }

    @staticmethod
    def combobox_attrs(list_id: str) -> dict[str, str]:
        return {"role": "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": list_id}


class PickerMultipleInput(PickerInput):
    """Several codes, comma-separated without JavaScript; with it, chips and a search box."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]
        return [code_of(part) for value in values for part in _SEPARATORS.split(str(value or "")) if part.strip()]

    def format_value(self, value: Any) -> str | None:  # type: ignore[override]
        return ", ".join(self.chosen_codes(value)) or None

    @staticmethod
    def chosen_codes(value: Any) -> list[str]:
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [code_of(v) for v in values if code_of(v)]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        chosen = [{"value": code, "label": self.label_for(code)} for code in self.chosen_codes(value)]
        attrs = {**(attrs or {}), "data-picker-multiple": json.dumps(chosen, ensure_ascii=False)}
        return super().render(name, value, attrs, renderer)


class _Picking:
    """What both picking fields share: the widget labels a code with the record's label."""

    queryset: QuerySet[Any] | None
    code_field: str
    label_from: Callable[[Any], str]
    widget: PickerInput
    widget_class: type[PickerInput] = PickerInput

    def __init__(
        self,
        queryset: QuerySet[Any],
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        to_field_name: str = "code",
        label_from: Callable[[Any], str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", self.widget_class(url, params))
        super().__init__(queryset, to_field_name=to_field_name, **kwargs)  # type: ignore[call-arg]
        self.code_field, self.label_from = to_field_name, label_from or str
        self.widget.label_for = self.label_for_code

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        copied = super().__deepcopy__(memo)  # type: ignore[misc]
        copied.widget.label_for = copied.label_for_code
        return copied

    def label_for_code(self, code: str) -> str:
        found = self.queryset.filter(**{self.code_field: code}).first() if self.queryset is not None else None
        return self.label_from(found) if found is not None else code

    def code_of_record(self, value: Any) -> Any:
        return getattr(value, self.code_field) if isinstance(value, Model) else value


class PickField(_Picking, forms.ModelChoiceField):
    """One record picked by code among `queryset`. A code that is not among them is the field's
    error in the user's language, never a 404 or a 500."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not among the choices you may make here: pick one from the list."),
    }

    def prepare_value(self, value: Any) -> Any:
        return self.code_of_record(value)

    def to_python(self, value: Any) -> Any:
        value = code_of(value)
        if value and len(value) > MAX_QUERY:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value[:20]}
            )
        return super().to_python(value)


class PickMultipleField(_Picking, forms.ModelMultipleChoiceField):
    """Several records picked by code, kept in the order they were chosen."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not among the choices you may make here: pick one from the list."),
        "invalid_list": _("Pick from the list or type codes separated by commas."),
    }

    widget_class = PickerMultipleInput

    def clean(self, value: Any) -> Any:
        codes = list(dict.fromkeys(code_of(v) for v in (value or []) if code_of(v)))
        if any(len(code) > MAX_QUERY for code in codes):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        found = super().clean(codes)
        if not codes:
            return []
        by_code = {getattr(record, self.code_field): record for record in found}
        return [by_code[code] for code in codes if code in by_code]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [self.code_of_record(v) for v in value]
        return self.code_of_record(value)
