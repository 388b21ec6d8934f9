"""What the environment chooses for a site of several machines: persistent, health-checked connections; cache and
sessions in Redis or the database; uploaded files on disk or S3; a replica with its router."""

import json
import subprocess
import sys

from tests.deploy.servers import ROOT, production_env

READ = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({"age": db["CONN_MAX_AGE"], "health": db["CONN_HEALTH_CHECKS"], "cache": s.CACHES["default"],
                  "session": s.SESSION_ENGINE, "storage": s.STORAGES["default"], "aliases": sorted(s.DATABASES),
                  "routers": s.DATABASE_ROUTERS}))
"""


def _settings(tmp_path, **env):
    result = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env=production_env(tmp_path, "postgres://kopa@127.0.0.1:5432/kopa", **env)
                            | {"DJANGO_SETTINGS_MODULE": "kopa.settings"})
    assert result.returncode == 0 or not result.stdout, result.stderr
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_one_machine_keeps_connections_and_caches_in_the_database(tmp_path):
    seen = _settings(tmp_path)
    assert (seen["age"], seen["health"]) == (60, True)
    assert seen["cache"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert seen["cache"]["LOCATION"] == "kopa_cache"  # the table core's migration makes
    assert seen["session"] == "django.contrib.sessions.backends.db"
    assert seen["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert seen["aliases"] == ["default"] and seen["routers"] == []


def test_several_machines_share_redis_object_storage_and_a_replica(tmp_path):
    seen = _settings(tmp_path, KOPA_REDIS_URL="redis://redis.internal:6379/0", KOPA_CONN_MAX_AGE="300",
                     KOPA_STORAGE="s3", KOPA_S3_BUCKET="kopa-media", KOPA_S3_ENDPOINT_URL="https://s3.example.eu",
                     DATABASE_REPLICA_URL="postgres://kopa_ro@replica.internal:5432/kopa")
    assert seen["age"] == 300
    assert seen["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["cache"]["LOCATION"] == "redis://redis.internal:6379/0"
    assert seen["session"] == "django.contrib.sessions.backends.cached_db"  # a Redis restart signs nobody out
    assert seen["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert seen["storage"]["OPTIONS"]["bucket_name"] == "kopa-media"
    assert seen["storage"]["OPTIONS"]["endpoint_url"] == "https://s3.example.eu"
    assert seen["aliases"] == ["default", "replica"] and seen["routers"] == ["kopa.core.routers.ReplicaRouter"]


def test_object_storage_without_a_bucket_or_an_unknown_storage_is_refused(tmp_path):
    assert "KOPA_STORAGE=s3 needs KOPA_S3_BUCKET" in _settings(tmp_path, KOPA_STORAGE="s3")
    assert "KOPA_STORAGE must be filesystem or s3" in _settings(tmp_path, KOPA_STORAGE="ftp")
