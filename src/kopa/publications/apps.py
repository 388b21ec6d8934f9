from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "kopa.publications"
    verbose_name = _("Publications")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
