"""`kopa run_scheduled` runs its steps once even when several machines start it at the same moment: the run that
takes the database lock works, the others exit saying so."""

import io
import os
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import connection

from kopa.core import run_locks
from tests.deploy.servers import ROOT, database_url_for_servers


def _row_locks_only():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL takes advisory locks (re-entrant in one session): see the two-process test")


@pytest.mark.django_db
def test_while_one_run_holds_the_lock_row_another_is_refused_and_after_it_may_run():
    _row_locks_only()
    with run_locks.held("run_scheduled") as first:
        assert first
        with run_locks.held("run_scheduled") as second:
            assert not second
    with run_locks.held("run_scheduled") as again:
        assert again


@pytest.mark.django_db
def test_a_lock_row_left_by_a_run_that_died_expires():
    _row_locks_only()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO kopa_run_lock (name, holder, expires_at) VALUES (%s, %s, %s)",
                       ["run_scheduled", "a dead machine", int(time.time()) - 1])
    with run_locks.held("run_scheduled") as taken:
        assert taken


HOLDER = """
import django, sys
django.setup()
from kopa.core import run_locks
with run_locks.held("run_scheduled") as taken:
    print("held" if taken else "refused", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.postgres
def test_two_processes_at_once_on_postgresql_run_the_steps_once(postgres, tmp_path):
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT),
                        "DATABASE_URL": database_url_for_servers(connection, tmp_path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], env=env, cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.run([sys.executable, "-m", "django", "run_scheduled"], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        assert "Another run of run_scheduled holds the lock; nothing done here." in second.stdout
        assert "abandoned job" not in second.stdout  # no step ran
    finally:
        holder.communicate("\n", timeout=30)
    # Released (the holder's process ended): a run now does the work.
    with run_locks.held("run_scheduled") as taken:
        assert taken
    third = subprocess.run([sys.executable, "-m", "django", "run_scheduled"], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert "abandoned job" in third.stdout, third.stdout + third.stderr


def test_the_command_says_so_when_the_lock_is_held(db):
    _row_locks_only()
    out = io.StringIO()
    with run_locks.held("run_scheduled"):
        call_command("run_scheduled", stdout=out)
    assert out.getvalue().strip() == "Another run of run_scheduled holds the lock; nothing done here."
