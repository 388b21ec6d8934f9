from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kopa.audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import recording

        recording.connect()
