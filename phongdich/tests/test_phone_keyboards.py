"""Forms are usable with a phone's keyboard: every number field opens the numeric keyboard and
every date field the date picker, in the form classes and in the inputs templates write by hand."""

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase

PROJECT_APPS = {
    "accounts", "audit", "safety", "inspections", "enforcement", "zones", "directives",
    "outreach", "readiness", "events", "portal", "reports", "territory",
}  # fmt: skip
NUMERIC = {"number"}
INPUT = re.compile(r"<input\b[^>]*>", re.DOTALL)
# Names of hand-written inputs that hold a date or a count.
DATE_NAME = re.compile(r'\bname="(?:[\w-]*_)?(?:on|date|day)"')
COUNT_NAME = re.compile(
    r'\bname="(?:[\w-]*[_-])?(?:quantity|count|cases|population|participants|present|served|households|days|id|q-[\w-]+|u-[\w-]+)"'
)


def form_classes() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        if config.name not in PROJECT_APPS:
            continue
        for module_name in (f"{config.name}.forms", f"{config.name}.views"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            found += [
                obj
                for obj in vars(module).values()
                if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__
            ]
    return found


def templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates"] + [
        Path(config.path) / "templates" for config in apps.get_app_configs() if config.name in PROJECT_APPS
    ]
    return [path for root in roots if root.exists() for path in root.rglob("*.html")]


class PhoneKeyboardTests(SimpleTestCase):
    def test_form_fields_ask_for_the_right_keyboard(self) -> None:
        classes = form_classes()
        self.assertGreater(len(classes), 20)
        wrong = []
        for form in classes:
            for name, field in form.base_fields.items():
                widget = field.widget
                kind = getattr(widget, "input_type", None) or widget.attrs.get("type")
                if isinstance(widget, forms.HiddenInput):
                    continue
                if isinstance(field, forms.DateTimeField) and kind != "datetime-local":
                    wrong.append(f"{form.__module__}.{form.__name__}.{name}: {kind}, not datetime-local")
                elif isinstance(field, forms.DateField) and kind != "date" and widget.attrs.get("type") != "date":
                    wrong.append(f"{form.__module__}.{form.__name__}.{name}: {kind}, not date")
                elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)) and not (
                    kind in NUMERIC or widget.attrs.get("inputmode") in ("numeric", "decimal")
                ):
                    wrong.append(f"{form.__module__}.{form.__name__}.{name}: {kind}, not a number")
        self.assertEqual(wrong, [])

    def test_hand_written_inputs_ask_for_the_right_keyboard(self) -> None:
        wrong = []
        for path in templates():
            for tag in INPUT.findall(path.read_text(encoding="utf-8")):
                if 'type="hidden"' in tag:
                    continue
                if DATE_NAME.search(tag) and 'type="date"' not in tag:
                    wrong.append(f"{path.name}: {tag[:120]}")
                if COUNT_NAME.search(tag) and 'type="number"' not in tag and 'inputmode="numeric"' not in tag:
                    wrong.append(f"{path.name}: {tag[:120]}")
        self.assertEqual(wrong, [])
