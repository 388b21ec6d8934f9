from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeanConfig(AppConfig):
    name = "kopa.lean"
    label = "lean"
    verbose_name = _("LEAN management")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
