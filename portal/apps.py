from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal and citizens' reports")

    def ready(self) -> None:
        from safety.public import add_place_section

        add_place_section("portal/_place_report_link.html", lambda place: {"place_code": place.public_code})
