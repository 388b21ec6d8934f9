from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "kopa.sources"
    label = "sources"
    verbose_name = _("Sources")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
