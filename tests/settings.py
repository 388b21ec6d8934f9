"""Settings for the test suite: the real ones, with KOPA_ENV=test (DATABASE_URL still decides the database)."""

import os

os.environ["KOPA_ENV"] = "test"

from kopa.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

import tempfile  # noqa: E402

# Uploaded files of the tests go to a throw-away folder, not into var/.
MEDIA_ROOT = os.environ.get("KOPA_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="kopa-test-media-")
os.environ["KOPA_TEST_MEDIA_ROOT"] = MEDIA_ROOT  # a worker the tests start reads the same files

# The suite's cache is this process' memory (fast, cleared by the demo fixtures); tests/deploy runs app servers
# on the real backends (Redis, the database cache).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
