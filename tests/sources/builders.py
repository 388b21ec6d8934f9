"""Small builders shared by the source tests."""

import base64

from kopa.sources import services
from tests import factories


def organiser_and_coordinator():
    """An organisation, an activity it organises and a partner coordinator of it (who may change both)."""
    organisation = factories.organisation(name="Organizators")
    activity = factories.activity(organiser=organisation)
    return organisation, activity, factories.partner_coordinator(organisation)


def source(**fields):
    fields.setdefault("title", "Pieredzes apmaiņas brauciens uz Uteni")
    return services.add_source(by=None, **fields)


def basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}
