from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kopa.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import SessionIdleTimeout

        user_logged_in.connect(SessionIdleTimeout.signed_in, dispatch_uid="kopa-session-seen")
