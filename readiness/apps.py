from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Readiness (four on-the-spot)")

    def ready(self) -> None:
        from inspections.queries import add_inspection_section

        from .queries import verification_section

        # An inspection's page shows the figures a readiness inspection verified.
        add_inspection_section("readiness/_verification.html", verification_section)
