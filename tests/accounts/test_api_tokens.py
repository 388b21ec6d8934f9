"""API tokens (issue 14, item 4): a script sends `Authorization: Bearer <secret>` instead of a password. The secret
is shown once and only its digest kept; a read-only token cannot write; a revoked or expired token, or a wrong
secret, is answered 401, and an address that sends too many wrong secrets is refused even a right one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kopa.accounts import services
from kopa.accounts.models import ApiToken
from kopa.core.errors import PermissionDenied
from kopa.projects.models import Fund
from tests import factories
from tests.surveys.helpers import questionnaire

pytestmark = pytest.mark.django_db

FUNDS = "/api/funds"
QUERIES_PER_TOKEN_CHECK = 4


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _fund(code="TEST-FUND"):
    return {"code": code, "name_lv": "Fonds", "name_lt": "Fondas", "name_en": "Fund"}


def _post_fund(client, secret, code="TEST-FUND", **extra):
    return client.post(FUNDS, _fund(code), content_type="application/json", **_bearer(secret), **extra)


@pytest.fixture
def project():
    return factories.project()


@pytest.fixture
def coordinator(project):
    return factories.programme_coordinator(project)


def test_a_write_token_reads_and_writes_as_its_user(coordinator, project):
    token, secret = services.create_api_token(user=coordinator, name="nightly import", scope="write")
    client = Client()
    survey = questionnaire(project)
    read = client.get(f"/api/surveys/questionnaires/{survey.pk}/results", **_bearer(secret))
    assert read.status_code == 200, read.content
    assert "no-store" in read["Cache-Control"]  # an answer to a signed-in caller is kept by no proxy
    written = _post_fund(client, secret)
    assert written.status_code == 201, written.content
    assert Fund.objects.filter(code="TEST-FUND").exists()
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_token_users_object_permissions_are_the_users_own(coordinator, project):
    outsider = factories.partner_coordinator(factories.organisation())
    _token, secret = services.create_api_token(user=outsider, name="report", scope="write")
    survey = questionnaire(project)
    response = Client().get(f"/api/surveys/questionnaires/{survey.pk}/results", **_bearer(secret))
    assert response.status_code == 403


def test_a_read_token_is_refused_on_writes_with_a_clear_message(coordinator, project):
    _token, secret = services.create_api_token(user=coordinator, name="dashboard", scope="read")
    client = Client()
    survey = questionnaire(project)
    assert client.get(f"/api/surveys/questionnaires/{survey.pk}/results", **_bearer(secret)).status_code == 200
    response = _post_fund(client, secret, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "may only read" in response.json()["detail"]
    assert not Fund.objects.filter(code="TEST-FUND").exists()


def test_a_revoked_token_is_answered_401(coordinator):
    token, secret = services.create_api_token(user=coordinator, name="old script", scope="write")
    services.revoke_api_token(token=token, by=coordinator)
    assert _post_fund(Client(), secret).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_expired_token_is_answered_401(coordinator):
    token, secret = services.create_api_token(user=coordinator, name="for a week", scope="write",
                                              expires_at=timezone.now() + timedelta(days=7))
    assert _post_fund(Client(), secret, code="BEFORE").status_code == 201
    ApiToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - timedelta(days=8),
                                                expires_at=timezone.now() - timedelta(seconds=1))
    assert _post_fund(Client(), secret, code="AFTER").status_code == 401


def test_a_deactivated_users_token_is_answered_401(coordinator):
    _token, secret = services.create_api_token(user=coordinator, name="script", scope="write")
    coordinator.is_active = False
    coordinator.save()
    assert _post_fund(Client(), secret).status_code == 401


def test_wrong_secrets_are_401_and_past_the_limit_even_the_right_one_is_refused(coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    token, secret = services.create_api_token(user=coordinator, name="script", scope="write")
    client = Client()
    for guess in range(3):
        wrong = token.prefix + "x" * 35 + str(guess)  # the right prefix: the row is found, its digest is not
        assert _post_fund(client, wrong).status_code == 401
    response = _post_fund(client, secret, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many wrong API tokens" in response.json()["detail"]
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert not Fund.objects.filter(code="TEST-FUND").exists()
    # Another address is not held back.
    assert _post_fund(Client(REMOTE_ADDR="10.0.0.9"), secret).status_code == 201


def test_the_secret_is_not_stored(coordinator):
    token, secret = services.create_api_token(user=coordinator, name="script", scope="read")
    assert len(secret) >= 40
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken WHERE id = %s", [token.pk])
        row = cursor.fetchone()
    assert not any(secret in str(value) for value in row)
    assert token.prefix == secret[:8] and token.digest != secret


def test_a_token_call_runs_no_password_hash_and_a_fixed_number_of_queries(coordinator, project, monkeypatch,
                                                                         django_assert_num_queries):
    token, secret = services.create_api_token(user=coordinator, name="script", scope="read")
    client = Client()
    survey = questionnaire(project)
    path = f"/api/surveys/questionnaires/{survey.pk}/results"
    client.get(path, **_bearer(secret))  # the first call records the use; later ones within a minute do not

    def no_password_check(*args, **kwargs):
        raise AssertionError("a token call checked a password")

    monkeypatch.setattr("django.contrib.auth.hashers.check_password", no_password_check)
    monkeypatch.setattr("kopa.api.auth.authenticate", no_password_check)
    # What the token alone costs, on a write it may not make: the request's savepoint, the address's count of
    # wrong secrets, the token with its user, the release. Nothing is written.
    with django_assert_num_queries(QUERIES_PER_TOKEN_CHECK, exact=True):
        assert _post_fund(client, secret).status_code == 403
    # On a read the endpoint's own queries follow; the token's are still those two, and axes is not asked.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **_bearer(secret)).status_code == 200
    tables = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert sum('"accounts_throttle"' in sql for sql in tables) == 1
    assert sum('"accounts_apitoken"' in sql for sql in tables) == 1
    assert not any('"axes_' in sql or sql.startswith("UPDATE") for sql in tables)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_owner_or_an_administrator_revokes_a_token(coordinator):
    token, _secret = services.create_api_token(user=coordinator, name="script", scope="write")
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(token=token, by=factories.user())
    administrator = factories.user(is_staff=True, is_superuser=True)
    assert services.revoke_api_token(token=token, by=administrator).revoked_at is not None


def test_the_page_lists_creates_shows_the_secret_once_and_revokes(coordinator):
    client = Client()
    client.force_login(coordinator)
    page = client.get("/en/accounts/api-tokens/")
    assert page.status_code == 200 and "You have no API tokens." in page.content.decode()
    created = client.post("/en/accounts/api-tokens/", {"name": "nightly import", "scope": "write",
                                                       "expires_on": ""})
    assert created.status_code == 200
    token = ApiToken.objects.get(user=coordinator)
    text = created.content.decode()
    assert "Copy your new token now" in text and "nightly import" in text and token.prefix in text
    secret = text.split("<p><code>", 1)[1].split("</code>", 1)[0]
    assert secret.startswith(token.prefix) and _post_fund(Client(), secret).status_code == 201
    assert "no-store" in created["Cache-Control"]
    again = client.get("/en/accounts/api-tokens/").content.decode()
    assert secret not in again and "Copy your new token now" not in again and "nightly import" in again
    revoked = client.post(f"/en/accounts/api-tokens/{token.pk}/revoke/", follow=True)
    assert revoked.status_code == 200 and "is revoked" in revoked.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_refuses_a_past_expiry_date(coordinator):
    client = Client()
    client.force_login(coordinator)
    response = client.post("/en/accounts/api-tokens/", {"name": "x", "scope": "read", "expires_on": "2020-01-01"})
    assert response.status_code == 400 and "must be in the future" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_another_user_cannot_revoke_a_token_from_the_page(coordinator):
    token, _secret = services.create_api_token(user=coordinator, name="script", scope="write")
    other = Client()
    other.force_login(factories.user())
    assert other.post(f"/en/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert token.prefix not in other.get("/en/accounts/api-tokens/").content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_is_in_latvian_by_default(coordinator):
    client = Client()
    client.force_login(coordinator)
    response = client.get("/accounts/api-tokens/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/lv/")
    text = response.content.decode()
    assert '<html lang="lv">' in text and "Mans darbs" in text


def test_administrators_revoke_tokens_in_the_back_office(coordinator):
    token, _secret = services.create_api_token(user=coordinator, name="script", scope="write")
    admin = Client()
    admin.force_login(factories.user(username="admin", is_staff=True, is_superuser=True))
    listing = admin.get("/en/admin/accounts/apitoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    response = admin.post("/en/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert admin.get("/en/admin/accounts/apitoken/add/").status_code == 403


def test_a_password_sent_with_http_basic_is_not_logged_by_the_token_check(coordinator, settings, caplog):
    import base64

    settings.DEBUG = True
    coordinator.set_password("Pareiza-parole-2026")
    coordinator.save()
    basic = base64.b64encode(f"{coordinator.username}:Pareiza-parole-2026".encode()).decode()
    response = Client().post(FUNDS, _fund(), content_type="application/json", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 201
    assert basic not in caplog.text
