"""gunicorn's configuration for Kopā (`kopa serve` starts gunicorn with it; or
`gunicorn -c src/kopa/gunicorn.conf.py kopa.wsgi`). Everything comes from the environment; docs/deploy.md.

KOPA_BIND       address:port or unix:/path (default 127.0.0.1:8000; nginx or the load balancer in front)
KOPA_WORKERS    worker processes (default 2 × cores + 1)
KOPA_THREADS    threads per worker (default 1: sync workers; the pages are short, long work is a background job)
KOPA_TIMEOUT    seconds a request may take before its worker is restarted (default 60)
KOPA_ACCESS_LOG file for the access log, "-" for standard output (default), "" for none
"""

import multiprocessing
import os
import sys

bind = [b.strip() for b in os.environ.get("KOPA_BIND", "127.0.0.1:8000").split(",") if b.strip()]
workers = int(os.environ.get("KOPA_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("KOPA_THREADS", "1"))
# Exports of many rows and event-log analyses run as background jobs, so no page needs long; 60 s leaves room
# for an upload of a large log over a slow line (the body is read before Django sees the request).
timeout = int(os.environ.get("KOPA_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("KOPA_GRACEFUL_TIMEOUT", "30"))  # SIGHUP / SIGTERM: requests finish first
keepalive = int(os.environ.get("KOPA_KEEPALIVE", "5"))  # behind nginx or a load balancer that keeps connections
# A worker is replaced after so many requests (with jitter, so not all at once): memory stays flat over weeks.
max_requests = int(os.environ.get("KOPA_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("KOPA_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("KOPA_GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("KOPA_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "kopa"
wsgi_app = "kopa.wsgi:application"
control_socket_disable = True  # gunicorn ≥ 27's control socket: one per user, so two servers on a machine collide
preload_app = False  # each worker imports Kopā itself, so `kill -HUP` (a graceful restart) loads new code


def on_starting(server):
    """Refuse to start a site whose every page would answer 500, and say where cache and sessions live."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    import django

    django.setup()
    from kopa.core.deployment import cache_notice, static_files_missing

    problem = static_files_missing()
    if problem:
        server.log.error(problem)
        sys.exit(3)
    server.log.info(cache_notice())
