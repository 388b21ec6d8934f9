"""With DATABASE_REPLICA_URL set, reads of visitors without a session go to the replica; writes, reads inside a
transaction and the requests of signed-in people go to the primary. Two SQLite files stand for primary and
replica, so which one answered shows in what it holds."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.db import connection

from tests.deploy.servers import ROOT, database_url_for_servers

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = """
import json, django
django.setup()
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from kopa.core.routers import ReplicaReads, reads_from_replica
from kopa.topics.models import Topic

seen = {}
Topic.objects.create(slug="only-on-the-primary", name_lv="Tikai primārajā")  # a write: to the primary
seen["outside"] = Topic.objects.filter(slug="only-on-the-primary").exists()
with reads_from_replica():
    seen["replica"] = Topic.objects.filter(slug="only-on-the-primary").exists()
    with transaction.atomic():
        seen["in_transaction"] = Topic.objects.filter(slug="only-on-the-primary").exists()

def page(request):
    seen.setdefault("pages", []).append(Topic.objects.filter(slug="only-on-the-primary").exists())
    return HttpResponse()

middleware = ReplicaReads(page)
factory = RequestFactory()
middleware(factory.get("/lv/"))  # a visitor without a session
signed_in = factory.get("/lv/")
signed_in.COOKIES["sessionid"] = "x"
middleware(signed_in)
middleware(factory.post("/lv/"))
print(json.dumps(seen))
"""


def test_reads_go_to_the_replica_only_where_a_lagging_copy_cannot_mislead(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the router's test uses two SQLite files, whatever database the suite runs on")
    primary = database_url_for_servers(connection, tmp_path).removeprefix("sqlite:///")
    replica = tmp_path / "replica.sqlite3"
    shutil.copy(primary, replica)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT),
                        "DATABASE_URL": f"sqlite:///{primary}", "DATABASE_REPLICA_URL": f"sqlite:///{replica}"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"outside": True, "replica": False, "in_transaction": True, "pages": [False, True, True]}
