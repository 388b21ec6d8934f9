"""The whole OpenAPI document, fuzzed by schemathesis: no answer is a 5xx, every documented answer matches its
schema — for an anonymous caller and for a programme coordinator signed in with HTTP Basic (C11).

The app is called in process (WSGI), inside the test's transaction, so what a coordinator writes is rolled
back. Bounded and derandomized: the same cases on every run. One test per caller walks every operation (one
copy of the demo each, not one per operation) and reports every failing operation at once."""

import base64
import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db

# 10 cases per operation (valid and invalid mixed) keep each run near a minute on two cores;
# KOPA_FUZZ_EXAMPLES=50 searches deeper (before a release, or after changing a schema).
EXAMPLES_PER_OPERATION = int(os.environ.get("KOPA_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, response_schema_conformance]
# Known, not ours to fix here: two routers declare schemas of the same name (`CandidateOut`, `DuplicatesOut`),
# so the document shows one of them for both and the directory's 409 does not match it. Only the server-error
# check runs for these until one is renamed.
SCHEMA_NAME_CLASH = {"POST /api/people", "POST /api/organisations", "POST /api/municipalities"}


@pytest.fixture(autouse=True)
def _no_language_leak():
    before = translation.get_language()
    yield
    translation.activate(before)  # the fuzzed requests send all kinds of Accept-Language


@pytest.fixture(autouse=True)
def _connection_kept():
    """As Django's test client does: a request's end must not close the connection holding the test's
    transaction (on PostgreSQL it would, the autocommit setting being off inside it)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():  # the request's signals touch the connection; the document reads nothing
        return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def _fuzz(schema, headers: dict) -> tuple[Counter, list[str]]:
    """Every operation, valid and invalid cases; the answers counted by (read or write, status), and the failures
    as 'METHOD /path: what'."""
    failures, answers = [], Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        checks = [not_a_server_error] if operation.label in SCHEMA_NAME_CLASH else CHECKS
        strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                             operation.as_strategy(GenerationMode.NEGATIVE))

        @given(case=strategy)
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is enough
                  suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call_and_validate(headers=headers, checks=checks)  # noqa: B023 — run() runs in this iteration
            answers["read" if case.method.upper() == "GET" else "write", response.status_code] += 1

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # collected: one run names every failing operation
            failures.append(f"{operation.label}: {_reproduce(error)}")
    return answers, failures


def _reproduce(error) -> str:
    """schemathesis's summary of a failure without the page it answered: what failed and the curl to redo it."""
    text = str(error)
    return " | ".join(line.strip() for line in text.splitlines()
                      if line.strip().startswith(("- ", "[", "curl")) or "found" in line)[:600] or text[:600]


def _basic(user) -> dict:
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _written(answers: Counter) -> int:
    return sum(n for (kind, status), n in answers.items() if kind == "write" and 200 <= status < 300)


def test_anonymous_callers_never_get_a_server_error(schema, demo):
    started = time.monotonic()
    answers, failures = _fuzz(schema, headers={})
    print(f"{answers.total()} anonymous cases in {time.monotonic() - started:.0f} s: {sorted(answers.items())}")
    assert not failures, "\n\n".join(failures)
    assert answers["read", 200] > 0  # the demo's data was read, not only refused


def test_a_coordinator_never_gets_a_server_error(schema, demo):
    coordinator = factories.programme_coordinator(Project.objects.order_by("pk").first())
    started = time.monotonic()
    answers, failures = _fuzz(schema, headers=_basic(coordinator))
    print(f"{answers.total()} coordinator cases in {time.monotonic() - started:.0f} s: {sorted(answers.items())}")
    assert not failures, "\n\n".join(failures)
    assert _written(answers) > 0  # signed in: some writes went through (rolled back with the test)
