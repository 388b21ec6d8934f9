"""Pages for when something is wrong on our side. A database that does not answer (restarting, failing over) is
a short outage, not a programming error: visitors get 503 with "try again in a minute" in their language, and
the server's log has the details. Django calls `server_error` for every uncaught exception, wherever it was
raised (a view, a middleware saving the session, a template), so this is the one place that decides."""

import sys

from django.db import utils as db_utils
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

DATABASE_ERRORS = (db_utils.OperationalError, db_utils.InterfaceError)


def plain_page(status: int, title: str, text: str) -> HttpResponse:
    """A page that needs neither the database nor a signed-in user (neither may be available)."""
    body = render_to_string("core/unavailable.html", {"title": title, "text": text,
                                                     "LANGUAGE_CODE": translation.get_language()})
    return HttpResponse(body, status=status)


def server_error(request):
    error = sys.exc_info()[1]  # Django calls this inside its `except` block
    if isinstance(error, DATABASE_ERRORS):
        response = plain_page(503, _("Kopā is briefly unavailable"),
                              _("Kopā cannot reach its database at the moment. Please try again in a minute."))
        response["Retry-After"] = "60"
        return response
    return plain_page(500, _("Something went wrong"),
                      _("Kopā could not show this page because of an error on our side. It has been recorded; "
                        "please try again later."))
