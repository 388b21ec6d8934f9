from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kopa.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from . import permissions, signals  # noqa: F401  (rules; feedback forms sent when an activity closes)
        from .topic_sections import register_sections

        register_sections()
