"""The home page: the next activities among those not yet over, and its headline figures in the reader's locale."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from kopa.directory.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_coming_activities_are_those_not_yet_over_by_their_first_day(client):
    today = timezone.localdate()
    organiser = factories.organisation(name="Rīkotājs")

    def activity(title, start, end):
        return factories.activity(organiser=organiser, title_lv=title, start_date=today + timedelta(days=start),
                                  end_date=today + timedelta(days=end))

    activity("Beidzies vakar", -3, -1)
    running = activity("Ilgst visu gadu", -200, 160)  # a year known, its days not: not yet over
    later = [activity(f"Nākamais {n}", n, n) for n in range(1, 7)]
    shown = [a.pk for a in client.get("/lv/").context["upcoming"]]
    assert shown == [running.pk, *[a.pk for a in later[:4]]]


def test_the_headline_figures_follow_the_readers_locale(client):
    Organisation.objects.bulk_create(Organisation(name=f"Org {n}", name_lv=f"Org {n}", slug=f"org-{n}")
                                     for n in range(1234 - Organisation.objects.count()))
    cache.clear()
    assert "<strong>1\xa0234</strong>" in client.get("/lv/").content.decode()
    assert "<strong>1,234</strong>" in client.get("/en/").content.decode()
