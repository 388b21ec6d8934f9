"""Shared fixtures. Browser tests drive Debian's Chromium; where it is missing they are skipped with a
notice, except under CI=true, where a missing browser is a failure."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is used while Playwright runs

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_FILES = sorted((ROOT / "data" / "reference").glob("*.csv"))
CHROMIUM = os.environ.get("KOPA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_for_environment: list[str] = []


def _missing(what: str):
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true", pytrace=False)
    _skipped_for_environment.append(what)
    pytest.skip(f"{what} not available")


def pytest_report_header(config):
    from django.db import connection

    return [f"kopa: database {connection.vendor}; chromium {'found' if shutil.which(CHROMIUM) else 'MISSING'}"]


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_environment:
        missing = sorted(set(_skipped_for_environment))
        terminalreporter.write_sep(
            "!", "NOTICE: tests skipped because something is missing on this machine", yellow=True
        )
        for what in missing:
            count = _skipped_for_environment.count(what)
            terminalreporter.write_line(f"  {what}: {count} test(s) skipped; install or start it to run them.")


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a page request activates its URL's language for the
    thread, and a test must not depend on which test ran before it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def chromium_browser():
    if not shutil.which(CHROMIUM):
        _missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context(locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every browser test also checks the Content-Security-Policy: nothing the pages need may be blocked by it.
    blocked = []
    page.on("console", lambda message: blocked.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert not blocked, "the Content-Security-Policy blocked:\n" + "\n".join(blocked)


@pytest.fixture
def postgres(transactional_db):
    """Tests of row locks under real concurrency: PostgreSQL only (SQLite serialises all writers anyway)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if IN_CI and not os.environ.get("DATABASE_URL"):
            # CI runs the suite a second time on PostgreSQL, where these tests run.
            _skipped_for_environment.append("PostgreSQL (runs in CI's PostgreSQL pass)")
            pytest.skip("needs PostgreSQL; CI runs it in the PostgreSQL pass")
        if IN_CI:
            pytest.fail("DATABASE_URL is set under CI=true but the database is not PostgreSQL", pytrace=False)
        _missing("PostgreSQL (set DATABASE_URL)")


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    from tests.demo_snapshot import DemoSnapshot

    with django_db_blocker.unblock():
        return DemoSnapshot([str(p) for p in REFERENCE_FILES])


@pytest.fixture
def demo(db, _demo_snapshot):
    """The whole demo data set, as `make run` loads it (loaded once per session, copied into each test)."""
    from django.core.cache import cache

    _demo_snapshot.copy_into_test()
    cache.clear()


@pytest.fixture
def transactional_demo(transactional_db, _demo_snapshot):
    """The demo, committed, for tests with a live server (the test's flush removes it)."""
    from django.core.cache import cache

    _demo_snapshot.copy_into_test()
    cache.clear()


class SmtpInbox:
    """What a real SMTP server (aiosmtpd, in this process) received; `refuse_data` / `refuse_rcpt` make it answer
    as a server that refuses (e.g. "451 4.3.0 try again later", "550 5.1.1 no such user")."""

    def __init__(self):
        self.messages = []
        self.refuse_data = ""
        self.refuse_rcpt = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        import email
        from email import policy

        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address):
        return [m for rcpts, m in self.messages if address in rcpts]


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at a real SMTP server started for the test."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port (aiosmtpd's own start-up check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(params=["demo", "grown"])
def grown_data(request, demo):
    """The demo, then the demo grown by tests/grown_demo.py: a page's pinned query count is asserted at both sizes."""
    from tests import grown_demo

    objects = grown_demo.objects()
    if request.param == "grown":
        grown_demo.grow(objects)
    return objects
