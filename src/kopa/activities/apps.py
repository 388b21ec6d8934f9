from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "kopa.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from . import indicators, permissions  # noqa: F401  (registers the rules and the indicator measure)
        from .topic_sections import register_sections

        register_sections()
