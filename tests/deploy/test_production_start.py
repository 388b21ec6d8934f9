"""The production start (`kopa serve`, or gunicorn with gunicorn.conf.py) refuses to serve pages that would all
answer 500 for want of collected static files, and says what to run; collected, the pages answer; without Redis
it serves from the database cache and says that only one machine may."""

import re
import subprocess
import sys

from django.db import connection

from tests.deploy.servers import KOPA, ROOT, Browser, Server, collect_static, database_url_for_servers, production_env


def test_a_production_start_without_collected_static_files_says_what_to_run(tmp_path):
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'none.sqlite3'}")
    result = subprocess.run([*KOPA, "serve"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3
    assert "Static files are not collected" in result.stderr
    assert "kopa collectstatic --noinput" in result.stderr and "kopa serve --collectstatic" in result.stderr


def test_gunicorn_started_directly_with_kopas_configuration_refuses_too(tmp_path):
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'none.sqlite3'}", KOPA_BIND="127.0.0.1:0")
    result = subprocess.run([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "src/kopa/gunicorn.conf.py")],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Static files are not collected" in result.stderr


def test_after_collectstatic_pages_answer_and_without_redis_it_says_one_machine_only(transactional_db, tmp_path,
                                                                                      kopa_user):
    kopa_user("solo")
    env = production_env(tmp_path, database_url_for_servers(connection, tmp_path))
    collect_static(env)
    server = Server(env, tmp_path / "server.log")
    try:
        server.wait_ready()
        visitor = Browser()
        status, _, page = visitor.get(server, "/lv/")
        assert status == 200
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1).decode()
        assert visitor.get(server, stylesheet)[0] == 200  # the hashed name from the manifest, served by WhiteNoise
        visitor.sign_in(server, "solo", "two-servers-pw-2026")
        assert visitor.get(server, "/lv/my-work/")[0] == 200  # the session, in the database
    finally:
        server.stop()
    assert "Redis absent (KOPA_REDIS_URL not set): cache in the database, one machine only." in server.output()
