"""Reads from a PostgreSQL replica, when the site has one (DATABASE_REPLICA_URL; docs/deploy.md).

A replica lags the primary by a little, so only reads that cannot miss a write just made go to it: those of a
request from a visitor without a session (the public pages most traffic is: lists, activities, news, the API
without a token), and those a caller marks with `reads_from_replica()` (a report that needs no fresh rows).
Everything else reads from the primary, and so does every read inside a transaction (a service that checks a
count and then writes must see the rows it locks). Writes and migrations go to the primary only.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

REPLICA = "replica"
_replica_allowed: ContextVar[bool] = ContextVar("kopa_replica_allowed", default=False)


@contextmanager
def reads_from_replica(allowed: bool = True):
    """Reads inside (outside a transaction) may come from the replica."""
    token = _replica_allowed.set(allowed)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by replication


class ReplicaReads:
    """Middleware: a safe request (GET, HEAD) that carries no session cookie reads from the replica. With a
    session (a signed-in person, or one who just sent a form) the request reads from the primary, so what the
    person just did is on the next page."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        with reads_from_replica(request.method in ("GET", "HEAD") and anonymous):
            return self.get_response(request)
