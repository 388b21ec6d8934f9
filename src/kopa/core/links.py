"""Absolute links for what leaves the site (e-mails, PDFs, calendars): KOPA_SITE_URL and a path, in one place."""

from django.conf import settings


def site_url(path: str = "") -> str:
    return settings.KOPA_SITE_URL.rstrip("/") + path
