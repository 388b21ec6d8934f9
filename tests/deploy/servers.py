"""Real Kopā app servers for the deployment tests: `kopa serve` (gunicorn) with production settings on a loopback
port, and a small HTTP client that keeps its own cookies (the production cookies are Secure, which a browser would
not send over the plain HTTP of a loopback test; a load balancer in front would speak HTTPS)."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
KOPA = [sys.executable, "-m", "kopa"]
SECRET = "two-servers-test-secret-key-0123456789-abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(var_dir: Path, database_url: str, **extra) -> dict:
    """The environment of a production start, without whatever KOPA_/DJANGO_ variables the test run has."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KOPA_", "DJANGO_", "DATABASE_"))}
    return clean | {
        "KOPA_ENV": "production", "KOPA_SECRET_KEY": SECRET, "KOPA_HTTPS_REDIRECT": "0",
        "KOPA_ALLOWED_HOSTS": "127.0.0.1,localhost", "KOPA_VAR_DIR": str(var_dir), "DATABASE_URL": database_url,
        "KOPA_WORKERS": "2", "KOPA_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT / "src"),
    } | extra


def database_url_for_servers(connection, tmp_path: Path) -> str:
    """The test database as the servers reach it: PostgreSQL's test database itself; SQLite's in-memory one
    copied to a file (its migrated schema and whatever the test committed)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    import sqlite3

    path = tmp_path / "servers.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def collect_static(env: dict) -> None:
    subprocess.run([*KOPA, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=120)


class Server:
    """`kopa serve` on 127.0.0.1:<port>; `output()` is what it said (start notices, errors, access log)."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen([*KOPA, "serve"], env=env | {"KOPA_BIND": f"127.0.0.1:{self.port}"},
                                        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited ({self.process.returncode}):\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"the server did not listen in {seconds} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn's graceful stop
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Browser:
    """One visitor: cookies kept across servers (as one browser behind a load balancer that sends each request to
    either machine)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, server: Server, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = HTTPConnection("127.0.0.1", server.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, fields: dict, files: dict | None = None):
        """A form sent with the CSRF token of the page it is on (read from that page, as a browser would)."""
        status, _, page = self.get(server, path)
        assert status == 200, (status, path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        fields = {"csrfmiddlewaretoken": token} | fields
        if files:
            boundary = uuid.uuid4().hex
            body = _multipart(boundary, fields, files)
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(server, "POST", path, body, {"Content-Type": content_type})

    def sign_in(self, server, username, password):
        status, headers, _ = self.post(server, "/lv/accounts/login/", {"username": username, "password": password})
        assert status == 302, f"signing in answered {status}"
        return headers["Location"]


def _multipart(boundary: str, fields: dict, files: dict) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)
