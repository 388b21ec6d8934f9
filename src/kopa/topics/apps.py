from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "kopa.topics"
    label = "topics"
    verbose_name = _("Topics")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
