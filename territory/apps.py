from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lib import paths


class TerritoryConfig(AppConfig):
    name = "territory"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        paths.register()  # subtree filters: `unit_path__under=unit.path`
