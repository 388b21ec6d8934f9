import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db


def test_log_in_and_out(client):
    user = factories.user(username="ilze")
    response = client.post("/en/accounts/login/", {"username": "ilze", "password": "pw-test-123"})
    assert response.status_code == 302
    assert client.get("/en/").context["user"] == user
    client.post("/en/accounts/logout/")
    assert not client.get("/en/").context["user"].is_authenticated


def test_a_wrong_password_is_refused_in_the_users_language(client):
    factories.user(username="ilze")
    response = client.post("/lt/accounts/login/", {"username": "ilze", "password": "wrong"})
    assert response.status_code == 200
    assert "teisingą" in response.content.decode()  # Django's own Lithuanian message


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    factories.user(username="ilze", email="ilze@example.lv")
    client.post("/en/accounts/password-reset/", {"email": "ilze@example.lv"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Jauna-parole-2026", "new_password2": "Jauna-parole-2026"})
    assert response.status_code == 302
    # signed in through the page (django-axes needs the request that tries the password)
    response = client.post("/en/accounts/login/", {"username": "ilze", "password": "Jauna-parole-2026"})
    assert response.status_code == 302 and response.wsgi_request.user.username == "ilze"


def test_the_back_office_shows_a_coordinator_only_their_project(client):
    own, other = factories.project(code="OWN-1"), factories.project(code="OTHER-1")
    coordinator = factories.programme_coordinator(own)
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    listing = client.get("/en/admin/projects/project/").content.decode()
    assert "OWN-1" in listing and "OTHER-1" not in listing
    assert client.get(f"/en/admin/projects/project/{own.pk}/change/").status_code == 200
    assert client.get(f"/en/admin/projects/project/{other.pk}/change/").status_code in (302, 403, 404)


def test_the_back_office_shows_a_partner_coordinator_only_their_organisation(client):
    own, other = factories.organisation(), factories.organisation()
    coordinator = factories.partner_coordinator(own)
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    listing = client.get("/en/admin/directory/organisation/").content.decode()
    assert own.name_en in listing and other.name_en not in listing
    assert client.get(f"/en/admin/directory/organisation/{other.pk}/change/").status_code in (302, 403, 404)
