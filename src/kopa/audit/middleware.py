"""Every request says through what it acts (page, API or back office) and, once signed in, who."""

from django.conf import settings

from .log import acting, request_scope

SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}


class AuditContext:
    def __init__(self, get_response):
        self.get_response = get_response
        self.api = "/api/"
        self.admin = "/admin/"
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        path = request.path_info
        prefix = path[1:4]
        if prefix[:2] in self.languages and prefix[2:] == "/":  # /lv/admin/…: the back office in Latvian
            path = path[3:]
        if path.startswith(self.api):
            channel = "api"
        elif path.startswith(self.admin):
            channel = "admin"
        else:
            channel = "page"
        # The user is read when an entry is written: the API's HTTP Basic or token sets it after this runs.
        with acting(request=request, channel=channel):
            if channel == "admin" and request.method not in SAFE:
                with request_scope():
                    return self.get_response(request)
            return self.get_response(request)



