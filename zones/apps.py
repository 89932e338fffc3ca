from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    verbose_name = _("Risk levels, distancing zones and goods permits")

    def ready(self) -> None:
        from . import signals

        signals.connect(self)
