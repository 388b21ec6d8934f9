"""What every request and response goes through, before and after the views: refusing a body too large before
it is read, no caching of pages that hold personal data, the idle timeout of a session."""

import time
from collections.abc import Callable

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from .failures import plain_page

# Addresses that take a larger body than KOPA_MAX_REQUEST_BYTES, by URL name ("lean:upload"), each with a function
# giving its limit in bytes: an app registers its own in its AppConfig.ready, so core imports no app above it.
LARGER_BODIES: dict[str, Callable[[], int]] = {}


def allow_larger_body(view_name: str, limit: Callable[[], int]) -> None:
    LARGER_BODIES[view_name] = limit


class RequestSizeLimit:
    """Refuse a request body larger than KOPA_MAX_REQUEST_BYTES (or the larger limit its address registered) from
    its Content-Length, before anything reads it (Django's own limits apply to form fields, not to uploads, and only
    once the body is being read)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.KOPA_MAX_REQUEST_BYTES
        if length > limit and LARGER_BODIES:
            limit = max(limit, self.registered_limit(request))
        if length > limit:
            # This runs before LocaleMiddleware: the page's language is read from the address (/lt/…) here.
            with translation.override(translation.get_language_from_request(request, check_path=True)):
                return plain_page(413, _("Too large"), _("What you sent is too large: at most %(megabytes)d MB.")
                                  % {"megabytes": limit // (1024 * 1024)})
        return self.get_response(request)

    @staticmethod
    def registered_limit(request) -> int:
        # Before LocaleMiddleware: the address's language prefix (/en/…) resolves only with that language active.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                view_name = resolve(request.path_info).view_name
        except Resolver404:
            return 0
        larger = LARGER_BODIES.get(view_name)
        return larger() if larger else 0


def holds_personal_data(request) -> bool:
    """The one rule for what no browser or proxy may keep: every page seen by someone signed in (their work
    pages list people), and every page opened through a personal link (a token in the address)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    return bool(match and any("token" in name for name in match.kwargs))


class PersonalDataNotCached:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if holds_personal_data(request):
            response["Cache-Control"] = "no-store"
        return response


class SessionIdleTimeout:
    """A session ends after KOPA_SESSION_IDLE_MINUTES without a request (a shared computer in a municipal office).
    The session is saved to move its end at most every tenth of that time (12 minutes of 120), not on every
    request: the idle limit holds to within that, and a page costs no extra write."""

    SEEN = "_kopa_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs):
        """Counted from the sign-in, so the first requests after it do not save the session again."""
        if hasattr(request, "session"):
            request.session[cls.SEEN] = int(time.time())

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = int(time.time())
            seen = session.get(self.SEEN, 0)
            if seen and now - seen > settings.SESSION_COOKIE_AGE:
                session.flush()  # also signs out: the database copy may not have expired yet
            elif now - seen >= max(60, settings.SESSION_COOKIE_AGE // 10):
                session[self.SEEN] = now  # saved with the response: the session's end moves on
        return self.get_response(request)
