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


write_auth = [django_auth, BasicAuth()]
