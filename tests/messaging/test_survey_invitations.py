"""Survey invitations go through the outbox: who has no address is reported and listed, never a silent zero."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kopa.messaging.models import Message
from kopa.projects.models import Partnership
from kopa.projects.services import add_partner
from tests import factories
from tests.surveys.helpers import questionnaire as needs_survey

pytestmark = pytest.mark.django_db


def test_an_organisation_with_three_people_without_address_reports_n_sent_and_3_not_reachable(
        smtp_server, django_capture_on_commit_callbacks):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    organisation = factories.organisation(name="Rēzeknes novada pašvaldība")
    with_address = [factories.employee(organisation, first_name=f"Ar{i}", email=f"ar{i}@example.org")
                    for i in range(2)]
    without = [factories.employee(organisation, first_name=name, last_name="Bez")
               for name in ("Aija", "Baiba", "Cilda")]
    add_partner(project=project, organisation=organisation, role=Partnership.Role.PARTNER)
    questionnaire = needs_survey(project)
    client = Client()
    client.force_login(coordinator)
    with translation.override("lv"):
        url = reverse("surveys:questionnaire", args=[questionnaire.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisations": [organisation.pk]}, follow=True)
    text = response.content.decode()
    with translation.override("lv"):
        sent = translation.gettext("%(count)d invitations sent.") % {"count": 2}
        missing = translation.ngettext(
            "%(count)d person is not reachable (no e-mail address): %(names)s.",
            "%(count)d people are not reachable (no e-mail address): %(names)s.", 3) % {
            "count": 3, "names": ", ".join(str(p) for p in without)}
    assert sent in text and missing in text
    assert missing.startswith("3 ") and "Aija Bez" in missing  # the Latvian page says it, listing them
    received = {address for recipients, _m in smtp_server.messages for address in recipients}
    assert received == {p.email for p in with_address}
    assert Message.objects.filter(questionnaire=questionnaire, state=Message.State.UNREACHABLE).count() == 3
    assert Message.objects.filter(questionnaire=questionnaire, state=Message.State.SENT).count() == 2
    assert questionnaire.invitations.count() == 2
