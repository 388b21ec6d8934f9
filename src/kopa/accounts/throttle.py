"""Limits on what anyone may try again and again without signing in: a password reset per address and per
account, answers sent through one survey link from one address. Sign-in itself (the page and HTTP Basic) is
limited by django-axes (settings: AXES_*). Counts are kept per fixed window in the database."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Throttle


def client_address(request) -> str:
    """The caller's address; behind a load balancer (KOPA_BEHIND_PROXY) the last hop it added."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key_and_window(scope: str, value: str, minutes: int, now):
    """Values are hashed, so the table holds no e-mail address or IP."""
    size = minutes * 60
    window = now - timedelta(seconds=int(now.timestamp()) % size, microseconds=now.microsecond)
    return f"{scope}:{hashlib.sha256(value.encode()).hexdigest()[:40]}", window


def used(scope: str, value: str, *, minutes: int) -> int:
    """How often `value` was counted in `scope` in the current window, without counting one more (a caller that
    counts only failures, such as a wrong API token, asks this before trying)."""
    key, window = _key_and_window(scope, value, minutes, timezone.now())
    return Throttle.objects.filter(key=key, window=window).values_list("count", flat=True).first() or 0


def allow(scope: str, value: str, *, limit: int, minutes: int) -> bool:
    """Count one more use of `value` in `scope`; False once it is used more than `limit` times in the window."""
    now = timezone.now()
    key, window = _key_and_window(scope, value, minutes, now)
    with transaction.atomic():
        updated = Throttle.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    Throttle.objects.create(key=key, window=window, count=1)
            except IntegrityError:  # another request created it at the same moment
                Throttle.objects.filter(key=key, window=window).update(count=F("count") + 1)
        count = Throttle.objects.filter(key=key, window=window).values_list("count", flat=True).first()
    Throttle.objects.filter(window__lt=now - timedelta(days=1)).delete()
    return count <= limit
