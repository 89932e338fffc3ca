from django import forms
from django.apps import AppConfig

from lib.hygiene import validate_text


class PhongdichConfig(AppConfig):
    name = "phongdich"
    verbose_name = "Phòng dịch"

    def ready(self) -> None:
        # Every text field of every form (pages and the admin) refuses control characters and
        # lone surrogates with an error on the field: one rule, not one per form.
        if validate_text not in forms.CharField.default_validators:
            forms.CharField.default_validators = [*forms.CharField.default_validators, validate_text]
