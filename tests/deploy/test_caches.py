"""The two cache backends a site runs on, for real: the database cache (table kopa_cache, made by migrate) and
Redis, with sessions kept in it; what uses the cache works on both."""

import uuid
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kopa_cache"}}


def _redis_cache(url):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                        "KEY_PREFIX": f"kopa-test-{uuid.uuid4().hex}"}}


def _articles_rendered_once():
    """What uses the cache today: the API's news list renders each article's Markdown once (publications.api)."""
    from kopa.publications.api import with_html

    first, again = SimpleNamespace(body="**Kopā** strādājam"), SimpleNamespace(body="**Kopā** strādājam")
    with_html([first])
    with patch("kopa.publications.api.render_markdown", side_effect=AssertionError("rendered twice")):
        with_html([again])  # from the cache
    assert "<strong>Kopā</strong>" in first.rendered_html and again.rendered_html == first.rendered_html


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
        _articles_rendered_once()


def test_the_redis_cache_works_and_sessions_live_in_it(redis_url):
    import redis
    from django.contrib.sessions.backends.cached_db import SessionStore

    settings = _redis_cache(redis_url)
    with override_settings(CACHES=settings):
        _round_trip()
        _articles_rendered_once()
        session = SessionStore()
        session["seen"] = "yes"
        session.create()
        assert cache.get(session.cache_key)["seen"] == "yes"  # another machine reads it from Redis
        assert SessionStore(session_key=session.session_key)["seen"] == "yes"
        session.delete()
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{settings['default']['KEY_PREFIX']}:*"):  # not clear(): Redis is shared
        client.delete(key)
