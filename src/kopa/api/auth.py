"""Who is calling: an API token (Bearer), HTTP Basic, or a logged-in browser session (with CSRF).

Every endpoint that needs a signed-in caller uses `write_auth`, so what a token may do is decided here, in one
place: a read-only token is refused on POST, PUT, PATCH and DELETE; the views then check the user's own
permissions per object, as for a password login."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBasicAuth, HttpBearer, django_auth

from kopa.accounts import throttle, tokens
from kopa.core.errors import PermissionDenied

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WRONG_TOKENS = "api-token-ip"  # the throttle's scope: wrong secrets sent from one address


class BasicAuth(HttpBasicAuth):
    def authenticate(self, request, username, password):
        user = authenticate(request, username=username, password=password)
        if user is not None and user.is_active:
            request.user = user
            return user
        return None


class Throttled(HttpError):
    """429 with Retry-After (the API's handler adds the header), as the sign-in lock answers."""

    def __init__(self, seconds: int, message):
        super().__init__(429, message)
        self.retry_after = seconds


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <secret>`: one indexed read and a SHA-256, no password hash. Wrong secrets are
    counted per address like wrong passwords (KOPA_LOGIN_FAILURES in KOPA_LOGIN_LOCK_MINUTES); past the limit that
    address is refused, right secret or not, so secrets cannot be guessed without end."""

    def __call__(self, request):
        # Not ninja's own: in DEBUG it logs any other Authorization header whole, a Basic password with it.
        scheme, _space, secret = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        address = throttle.client_address(request)
        limit = settings.AXES_FAILURE_LIMIT
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        if throttle.used(WRONG_TOKENS, address, minutes=minutes) >= limit:
            raise Throttled(minutes * 60, _("Too many wrong API tokens were sent from your address. Try again in "
                                            "%(minutes)d minutes.") % {"minutes": minutes})
        found = tokens.find(token)
        if found is None:
            throttle.allow(WRONG_TOKENS, address, limit=limit, minutes=minutes)
            return None  # 401
        now = timezone.now()
        if not found.is_usable(now):
            return None  # revoked, expired or its user deactivated: 401, but no guess, so not counted
        if request.method not in SAFE_METHODS and not found.may_write:
            raise PermissionDenied(_("This API token may only read. Create a token with read and write access to "
                                     "change data."), code="scope")
        tokens.note_use(found, now)
        request.user = found.user
        request.api_token = found
        return found.user


# Bearer, then Basic: each answers None without its kind of Authorization header, so browser sessions still get
# the CSRF check of django_auth, while scripts are not refused by a CSRF check they cannot pass.
write_auth = [BearerAuth(), BasicAuth(), django_auth]
