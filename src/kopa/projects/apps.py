from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kopa.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
        from .topic_sections import register_sections

        register_sections()
