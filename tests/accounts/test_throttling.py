"""Wrong passwords, password resets and survey-link answers are limited (issue 14, item 4): the page and HTTP
Basic on the API lock after 10 wrong passwords (the right one is refused too), an administrator lifts the lock;
a flood of password resets or of answers from one address is refused with a message in the reader's language."""

import base64

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client

from kopa.surveys.models import Response
from tests import factories
from tests.surveys.helpers import questionnaire

pytestmark = pytest.mark.django_db

LOCKED_LV = "Pārāk daudz nepareizu paroļu. Pieteikšanās ir bloķēta uz 30 minūtēm"


def _basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_eleventh_try_on_the_sign_in_page_is_refused_even_with_the_right_password_until_unlocked():
    ilze = factories.user(username="ilze")
    ilze.set_password("Pareiza-parole-2026")
    ilze.save()
    client = Client()
    for _ in range(10):
        response = client.post("/lv/accounts/login/", {"username": "ilze", "password": "nepareiza"})
        assert response.status_code in (200, 429)
    response = client.post("/lv/accounts/login/", {"username": "ilze", "password": "Pareiza-parole-2026"})
    assert response.status_code == 429 and LOCKED_LV in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    # Another address is locked out of this account too (per account), and the lock is kept in the database.
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert other.post("/lv/accounts/login/", {"username": "ilze", "password": "Pareiza-parole-2026"}).status_code == 429

    # The administrator lifts the lock in the back office (deleting the access attempt).
    admin = Client()
    admin.force_login(factories.user(username="admin", is_staff=True, is_superuser=True))
    attempts = list(AccessAttempt.objects.filter(username="ilze").values_list("pk", flat=True))
    assert attempts
    response = admin.post("/lv/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": attempts,
                                                            "post": "yes"})
    assert response.status_code == 302 and not AccessAttempt.objects.filter(username="ilze").exists()
    response = client.post("/lv/accounts/login/", {"username": "ilze", "password": "Pareiza-parole-2026"})
    assert response.status_code == 302 and response.wsgi_request.user.username == "ilze"


def test_http_basic_on_the_api_locks_after_ten_wrong_passwords():
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    coordinator.set_password("Pareiza-parole-2026")
    coordinator.save()
    client = Client()
    path = "/api/funds"
    body = {"code": "TEST-FUND", "names": {"lv": "Fonds"}}
    for _ in range(10):
        response = client.post(path, body, content_type="application/json",
                               **_basic(coordinator.username, "nepareiza"))
        assert response.status_code in (401, 429)
    response = client.post(path, body, content_type="application/json",
                           **_basic(coordinator.username, "Pareiza-parole-2026"), HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 429 and response["Retry-After"] == "1800"
    assert "Too many wrong passwords" in response.json()["detail"] or LOCKED_LV in response.json()["detail"]


def test_password_resets_for_one_address_stop_after_five_an_hour():
    factories.user(username="ilze", email="ilze@example.lv")
    client = Client()
    for _ in range(5):
        assert client.post("/lv/accounts/password-reset/", {"email": "ilze@example.lv"}).status_code == 302
    response = client.post("/lv/accounts/password-reset/", {"email": "ILZE@example.lv"})
    assert response.status_code == 429
    assert "Pieprasīts pārāk daudz paroles atjaunošanu." in response.content.decode()
    assert len(mail.outbox) == 5


def test_an_open_survey_link_takes_only_so_many_answers_from_one_address(settings):
    settings.KOPA_SURVEY_ANSWERS_PER_HOUR = 2
    survey = questionnaire(open_link=True)
    answer = {"role": "staff", "rank__1": "it", "rank__2": "quality", "action": "submit"}
    path = f"/lv/surveys/open/{survey.open_token}/"
    for _ in range(2):
        client = Client()  # a new session each time, as a script would
        assert client.post(path, answer).status_code == 200
    response = Client().post(path, answer)
    assert response.status_code == 429
    assert "No jūsu adreses nosūtīts pārāk daudz atbilžu." in response.content.decode()
    assert Response.objects.filter(questionnaire=survey).count() == 2
    # another address is not held back
    assert Client(REMOTE_ADDR="10.0.0.8").post(path, answer).status_code == 200
