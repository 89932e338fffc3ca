from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Communication activities")

    def ready(self) -> None:
        from directives.queries import count_activities_with

        from .reports import activities_by_organisation

        count_activities_with(activities_by_organisation)
