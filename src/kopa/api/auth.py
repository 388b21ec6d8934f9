"""Who is calling: a logged-in browser session (with CSRF) or HTTP Basic for scripts."""

from django.contrib.auth import authenticate
from ninja.security import HttpBasicAuth, django_auth


class BasicAuth(HttpBasicAuth):
    def authenticate(self, request, username, password):
        user = authenticate(request, username=username, password=password)
        if user is not None and user.is_active:
            request.user = user
            return user
        return None


# Basic first: it answers None without an Authorization header, so browser sessions still get the
# CSRF check of django_auth, while scripts are not refused by a CSRF check they cannot pass.
write_auth = [BasicAuth(), django_auth]
