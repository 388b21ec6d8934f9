"""The activity's Messages page runs the same number of queries however many messages and mailings it has."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopa.messaging import services as messaging
from kopa.messaging.models import Mailing
from tests import factories

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_messages_page_does_not_grow_with_the_outbox():
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    activity = factories.activity(project=project)
    organisation = factories.organisation()
    client = Client()
    client.force_login(coordinator)
    url = f"/lv/messages/activities/{activity.pk}/"
    counts = []
    for size in (2, 40):
        for n in range(size):
            person = factories.employee(organisation, email=f"x{size}-{n}@example.org")
            mailing = Mailing.objects.create(activity=activity, subject=f"S{n}", body="B", sender=coordinator)
            messaging.queue("registration_confirmed", person=person, activity=activity, mailing=mailing,
                            context={"activity": "A"})
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts
