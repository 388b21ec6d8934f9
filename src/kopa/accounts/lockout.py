"""What a locked sign-in sees (django-axes calls this): the page in the reader's language, or for the API a JSON
answer, both 429 with how long to wait; an administrator can lift it earlier (Access attempts in the back office)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    text = _("Too many wrong passwords. Signing in is blocked for %(minutes)d minutes; an administrator can "
             "unblock it sooner.") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": text}, status=429)
    else:
        response = render(request, "registration/locked.html", {"text": text}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
