"""Small builders shared by the topic tests."""

import base64

from kopa.topics import services
from tests import factories


def coordinator():
    """A partner coordinator: enough to add topics."""
    return factories.partner_coordinator(factories.organisation())


def topic(**fields):
    return services.add_topic(by=None, **fields)


def basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}
