"""Benchmark: one script's API calls with HTTP Basic (a password hash per call) against an API token (a SHA-256 and
one indexed read).

    .venv/bin/python -m bench.api_token_bench          # 200 calls each (CALLS=… for another number)

In a fresh SQLite database it makes one programme coordinator with a password and a read-only token, then calls
the same authenticated read (`GET /api/surveys/questionnaires/<id>/results`) CALLS times each way, through
Django's test client (no network), with Django's default password hasher (PBKDF2, as in production). It prints
the time per call and the ratio.
"""

import os
import tempfile
import time

from bench.django_setup import start as start_django

CALLS = int(os.environ.get("CALLS", "200"))
PASSWORD = "Bench-parole-2026"


def _setup(path: str) -> None:
    start_django(path)


def _timed(client, path: str, headers: dict) -> float:
    started = time.perf_counter()
    for _ in range(CALLS):
        response = client.get(path, **headers)
        assert response.status_code == 200, response.content[:300]
    return (time.perf_counter() - started) / CALLS


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup(os.path.join(folder, "bench.sqlite3"))
        import base64

        from django.contrib.auth import get_user_model
        from django.test import Client

        from kopa.accounts import services
        from kopa.accounts.models import RoleAssignment
        from kopa.projects.models import Project
        from kopa.surveys.models import Questionnaire

        user = get_user_model().objects.create_user("bench", password=PASSWORD)
        project = Project.objects.create(title="Bench", code="BENCH-1")
        RoleAssignment.objects.create(user=user, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)
        survey = Questionnaire.objects.create(project=project, title="Bench")
        _token, secret = services.create_api_token(user=user, name="bench", scope="read")
        path = f"/api/surveys/questionnaires/{survey.pk}/results"
        basic = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"bench:{PASSWORD}".encode()).decode()}
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        client = Client(HTTP_HOST="127.0.0.1")
        _timed(client, path, bearer)  # warm up: imports, first queries
        with_basic = _timed(client, path, basic)
        with_token = _timed(client, path, bearer)
        print(f"{CALLS} calls each to {path}")
        print(f"HTTP Basic: {with_basic * 1000:8.2f} ms per call")
        print(f"API token:  {with_token * 1000:8.2f} ms per call")
        print(f"ratio Basic / token: {with_basic / with_token:.1f}x")


if __name__ == "__main__":
    main()
