"""Two app servers, one site: two real Kopā servers (gunicorn, production settings) on two loopback ports share
PostgreSQL, Redis and the media folder, as two machines behind a load balancer would. A person signs in on one and
goes on on the other; sign-ups sent through both at once never oversell the seats; a photo uploaded through one is
served by the other."""

import io
import re
import threading
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
import redis
from django.db import connection
from PIL import Image

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.activities.models import Photo, Registration
from kopa.directory.models import Person
from tests import factories
from tests.deploy.servers import Browser, Server, collect_static, database_url_for_servers, production_env

PASSWORD = "two-servers-pw-2026"
SEATS = 3
PEOPLE = 8


@pytest.fixture
def two_servers(postgres, transactional_demo, redis_url, tmp_path):
    """Servers A and B over the test database (migrated, the demo committed into it), one Redis (a prefix of
    their own) and one media folder."""
    prefix = f"kopa-two-{tmp_path.name}"
    env = production_env(tmp_path, database_url_for_servers(connection, tmp_path), KOPA_REDIS_URL=redis_url,
                         KOPA_CACHE_PREFIX=prefix)
    collect_static(env)
    servers = [Server(env, tmp_path / f"server-{name}.log") for name in "ab"]
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    for server in servers:
        assert "Cache and sessions in Redis (redis://127.0.0.1:6379/0)." in server.output()
        assert "Traceback" not in server.output(), server.output()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def _person_with_account(kopa_user, organisation, username):
    user = kopa_user(username, PASSWORD)
    person = factories.employee(organisation, first_name="Dalībnieks")
    Person.objects.filter(pk=person.pk).update(user=user)
    return user


def test_two_app_servers_serve_one_site(two_servers, kopa_user, redis_url):
    a, b = two_servers
    soon = date.today() + timedelta(days=30)
    organiser = factories.organisation(name="Rīkotāja pašvaldība")
    activity = factories.activity(organiser=organiser, capacity=SEATS, start_date=soon, end_date=soon)
    coordinator = kopa_user("koordinators", PASSWORD)
    assign_role(user=coordinator, role=RoleAssignment.Role.PARTNER_COORDINATOR, organisation=organiser)
    participants = [_person_with_account(kopa_user, factories.organisation(), f"dalibnieks{n}") for n in range(PEOPLE)]

    # The demo, served by both.
    for server in (a, b):
        status, _, page = Browser().get(server, "/lv/")
        assert status == 200 and b"LLI-59" in page

    # Signed in on A, still signed in on B: the session is in Redis, which both read.
    person = Browser()
    assert person.sign_in(a, "koordinators", PASSWORD) == "/lv/my-work/"
    status, _, page = person.get(b, "/lv/my-work/")
    assert status == 200 and b'action="/lv/accounts/logout/"' in page  # B knows who this is
    assert any(redis.Redis.from_url(redis_url).scan_iter(f"*{person.cookies['sessionid']}*"))

    # Sign-ups sent through both servers at the same moment: never more confirmed than seats.
    browsers = [Browser() for _ in participants]
    servers = [(a, b)[n % 2] for n in range(PEOPLE)]
    for browser, server, user in zip(browsers, servers, participants, strict=True):
        browser.sign_in(server, user.username, PASSWORD)
    forms = [_sign_up_form(browser, server, activity) for browser, server in zip(browsers, servers, strict=True)]
    start = threading.Barrier(PEOPLE)
    answers = []

    def sign_up(browser, server, form):
        start.wait()
        answers.append(browser.request(server, "POST", f"/lv/activities/{activity.pk}/sign-up/", *form)[0])

    threads = [threading.Thread(target=sign_up, args=args) for args in zip(browsers, servers, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers == [302] * PEOPLE
    registrations = Registration.objects.filter(activity=activity)
    assert registrations.count() == PEOPLE
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == SEATS
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == PEOPLE - SEATS

    # A photo uploaded through A is served by B (one media folder for both).
    image = _png()
    status, _, _ = person.post(a, f"/lv/activities/{activity.pk}/record/",
                               {"form": "photo", "photo-caption_lv": "Grupas foto",
                                "photo-alt_text_lv": "Dalībnieki pie muzeja"},
                               files={"photo-image": ("group.png", image, "image/png")})
    assert status == 302
    photo = Photo.objects.get(activity=activity)
    status, _, served = person.get(b, f"/lv/activities/photos/{photo.pk}/image")
    assert status == 200 and served == image


def _sign_up_form(browser, server, activity):
    """The sign-up form's body and headers, with the CSRF token of the activity's page (read before the start)."""
    status, _, page = browser.get(server, f"/lv/activities/{activity.pk}/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    return urlencode({"csrfmiddlewaretoken": token}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
