"""API token secrets: made, hashed and looked up here; given out by `services.create_api_token`, checked on each
API call by `kopa.api.auth.BearerAuth`.

A secret is 32 random bytes (`secrets.token_urlsafe`), so one SHA-256 is as safe as a slow password hash and a
call costs no password check. Only the digest and the first characters (the prefix, to find the row and to show
the owner which token is which) are stored."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from .models import ApiToken

PREFIX_LENGTH = 8
USE_RECORDED_EVERY = timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> tuple[str, str, str]:
    """A fresh secret, its prefix and its digest."""
    secret = secrets.token_urlsafe(32)
    return secret, secret[:PREFIX_LENGTH], digest_of(secret)


def find(secret: str) -> ApiToken | None:
    """The token whose secret this is (revoked and expired ones too: the caller decides), or None. Compared in
    constant time, so the answer's timing tells nothing about how much of a guess was right."""
    if not secret or len(secret) < PREFIX_LENGTH + 1 or len(secret) > 200:
        return None
    digest = digest_of(secret)
    found = None
    for token in ApiToken.objects.filter(prefix=secret[:PREFIX_LENGTH]).select_related("user"):
        if hmac.compare_digest(token.digest, digest):
            found = token
    return found


def note_use(token: ApiToken, at: datetime) -> None:
    """When the token was last used, to the minute: at most one write a minute however busy the script.
    Bookkeeping of the sign-in itself, like Django's `last_login` and the throttle's counts, so not a service
    (and not audited: an entry per minute of a script's work would bury what people did)."""
    if token.last_used_at is not None and at - token.last_used_at < USE_RECORDED_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    token.last_used_at = at
