from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LeanConfig(AppConfig):
    name = "kopa.lean"
    label = "lean"
    verbose_name = _("LEAN management")

    def ready(self):
        from kopa.core.middleware import allow_larger_body

        from . import permissions  # noqa: F401  (registers the rules)

        # An event log may be larger than any other request: its page and API upload take the administrator's limit
        # for logs (KOPA_LEAN_MAX_UPLOAD_MB) plus a margin for the form's other fields and the multipart framing.
        for view_name in ("lean:upload", "api:logs"):
            allow_larger_body(view_name, upload_request_bytes)


UPLOAD_MARGIN_BYTES = 1024 * 1024  # the form's text fields and the multipart boundaries


def upload_request_bytes() -> int:
    return settings.KOPA_LEAN_MAX_UPLOAD_MB * 1024 * 1024 + UPLOAD_MARGIN_BYTES
