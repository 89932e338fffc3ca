from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Violations and public disclosure")

    def ready(self) -> None:
        from safety.public import add_place_section

        from . import signals
        from .public import place_section

        add_place_section("enforcement/_place_violations.html", place_section)
        signals.connect()
