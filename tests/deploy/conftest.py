import pytest

from tests.conftest import _missing

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_url():
    """Redis on 127.0.0.1:6379 (skipped with a notice without it; under CI=true its absence fails)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        _missing("Redis (127.0.0.1:6379)")
    return REDIS_URL


@pytest.fixture
def kopa_user():
    """A user the production servers can sign in (the suite's own hasher, MD5, is not among production's)."""

    def make(username, password="two-servers-pw-2026"):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        # Few iterations: the servers accept the hash (and strengthen it on sign-in); the test stays fast.
        encoded = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt(), iterations=1000)
        return get_user_model().objects.create(username=username, password=encoded)

    return make
