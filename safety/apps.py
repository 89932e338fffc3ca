from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("COVID-19 safety system")

    def ready(self) -> None:
        from . import signals

        signals.connect()
