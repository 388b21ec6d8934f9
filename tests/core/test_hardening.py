"""Deployment hardening (issue 14, item 8): the Content-Security-Policy on every response, HTTPS settings that
satisfy `check --deploy`, no caching of personal data, a body limit enforced before the body is read, upload
names that cannot make folders, the idle timeout of a session, and 503 (not 500) when the database is away."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from kopa.core.middleware import SessionIdleTimeout
from kopa.lean import services as lean
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import _service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/lv/", "/lt/activities/", "/en/news/", "/lv/admin/login/", "/api/docs",
                                  "/static/kopa/kopa.css", "/lv/no-such-page/"])
def test_every_response_carries_the_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "http" not in policy  # nothing inline, nothing from elsewhere


def test_check_deploy_under_production_settings_prints_no_warning():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOPA_", "DJANGO_"))}
    env |= {"KOPA_ENV": "production", "KOPA_SECRET_KEY": "x" * 20 + "-production-secret-for-the-check",
            "KOPA_ALLOWED_HOSTS": "kopa.example.lv", "DATABASE_URL": "sqlite:////tmp/kopa-deploy-check.sqlite3"}
    result = subprocess.run([sys.executable, "-m", "kopa", "check", "--deploy"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr
    # and a site behind a load balancer trusts its X-Forwarded-Proto only when told so
    env["KOPA_BEHIND_PROXY"] = "1"
    probe = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
                            " print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT,"
                            " settings.SECURE_HSTS_SECONDS)"],
                           env=env | {"DJANGO_SETTINGS_MODULE": "kopa.settings"}, capture_output=True, text=True,
                           timeout=60)
    assert probe.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "True", "31536000"], probe.stderr


def test_pages_with_personal_data_are_never_cached_and_public_ones_may_be(client):
    assert "no-store" not in client.get("/lv/activities/").get("Cache-Control", "")
    client.force_login(factories.user())
    assert client.get("/lv/my-work/")["Cache-Control"] == "no-store"
    client.logout()
    # a personal link (a token in the address) is personal even without signing in
    response = client.get("/lv/activities/offer/00000000-0000-0000-0000-000000000000/")
    assert response["Cache-Control"] == "no-store"


def test_a_body_over_the_limit_is_refused_before_it_is_read():
    client = Client(raise_request_exception=True)
    too_big = settings.KOPA_MAX_REQUEST_BYTES + 1
    # The body sent is small; only its declared length is over the limit: had anything read it, the request
    # would have failed on the short body (or CSRF), not answered 413.
    response = client.post("/lv/accounts/login/", data=b"x" * 10, content_type="application/octet-stream",
                           CONTENT_LENGTH=str(too_big))
    assert response.status_code == 413
    assert "Tas, ko nosūtījāt, ir par lielu: ne vairāk kā 60 MB." in response.content.decode()
    # in the language of the address, though the refusal comes before the language is chosen for the page
    response = client.post("/lt/accounts/login/", data=b"x" * 10, content_type="application/octet-stream",
                           CONTENT_LENGTH=str(too_big))
    assert "Tai, ką išsiuntėte, per didelis: ne daugiau kaip 60 MB." in response.content.decode()


def test_an_uploaded_log_name_with_slashes_makes_no_folders():
    service = _service()
    log = lean.upload_event_log(service=service, data=LOG, name="../../Rēzekne/janvāris")
    stored = log.file.name
    assert stored.startswith("event-logs/") and stored.count("/") == 2, stored  # event-logs/<year>/<name>
    assert stored.rsplit("/", 1)[1] == f"{service.pk}-Rēzekne-janvāris.csv"


def test_a_session_ends_after_the_idle_time(client):
    user = factories.user()
    client.force_login(user)
    assert client.get("/lv/my-work/").status_code == 200
    session = client.session
    session[SessionIdleTimeout.SEEN] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    response = client.get("/lv/my-work/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)  # on PostgreSQL the connection is really dropped: no test transaction
def test_a_database_outage_answers_503_in_the_readers_language(settings):
    client = Client(raise_request_exception=False)
    if connection.vendor == "postgresql":
        # A real outage: the next connection goes to a port where no database listens.
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict["PORT"] = "1"
        try:
            response = client.get("/lt/activities/")
        finally:
            connection.close()
            connection.settings_dict.update(saved)
    else:
        # SQLite's test database lives in memory and cannot be taken away; its own "locked" error stands in.
        def locked(execute, sql, params, many, context):
            raise OperationalError("database is locked")

        with connection.execute_wrapper(locked):
            response = client.get("/lt/activities/")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Kopā laikinai nepasiekiama" in response.content.decode()
    assert client.get("/lt/activities/").status_code == 200  # and back at once
