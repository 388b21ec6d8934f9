"""The two cache backends a site runs on, for real: the database cache (table kopa_cache, made by migrate) and
Redis, with sessions kept in it."""

import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kopa_cache"}}


def _redis_cache(url):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                        "KEY_PREFIX": f"kopa-test-{uuid.uuid4().hex}"}}


def _round_trip():
    assert cache.add("seen", 1, timeout=60)
    assert not cache.add("seen", 2, timeout=60)  # add is atomic: only the first caller wins
    assert cache.incr("seen") == 2
    assert cache.get("seen") == 2
    cache.delete("seen")
    assert cache.get("seen") is None


def test_the_database_cache_works_on_the_table_migrate_made():
    with override_settings(CACHES=DATABASE_CACHE):
        _round_trip()


def test_the_redis_cache_works_and_sessions_live_in_it(redis_url):
    from django.contrib.sessions.backends.cached_db import SessionStore

    with override_settings(CACHES=_redis_cache(redis_url)):
        _round_trip()
        session = SessionStore()
        session["seen"] = "yes"
        session.create()
        assert cache.get(session.cache_key)["seen"] == "yes"  # another machine reads it from Redis
        assert SessionStore(session_key=session.session_key)["seen"] == "yes"
        session.delete()
