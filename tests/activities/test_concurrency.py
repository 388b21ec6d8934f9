"""Capacity, quotas and votes hold when many people act at the same moment (PostgreSQL row locks)."""

import threading
from collections import Counter

import pytest
from django.db import connection

from kopa.activities import services
from kopa.activities.models import Ballot, Registration
from kopa.core.errors import DomainError
from kopa.directory import services as directory
from tests import factories

pytestmark = pytest.mark.postgres
S = Registration.Status


def _in_threads(jobs):
    """Run every job in its own thread (and database connection), all released at once."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except DomainError:
            pass
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_forty_concurrent_sign_ups_never_oversell_seats_or_quotas(postgres):
    activity = factories.activity(capacity=10, quota_per_organisation=2)
    organisations = [factories.organisation() for _ in range(8)]
    people = [(factories.employee(organisations[n % 8])) for n in range(40)]
    _in_threads([lambda person=person: services.register(activity=activity, person=person) for person in people])

    registrations = Registration.objects.filter(activity=activity)
    assert registrations.count() == 40
    confirmed = registrations.filter(status=S.CONFIRMED)
    assert confirmed.count() == 10
    per_organisation = Counter(confirmed.values_list("organisation_id", flat=True))
    assert max(per_organisation.values()) <= 2
    assert registrations.filter(status=S.WAITLISTED).count() == 30

    # A cancellation offers the seat to the first eligible person waiting (same organisation has room now).
    leaving = confirmed.order_by("created_at", "pk").first()
    services.cancel(registration=leaving)
    waiting = registrations.filter(status=S.WAITLISTED).order_by("created_at", "pk")
    eligible_first = next(
        r for r in Registration.objects.filter(activity=activity).order_by("created_at", "pk") if r.status == S.PENDING
    )
    earlier_waiting = waiting.filter(created_at__lt=eligible_first.created_at)
    # Everyone who waited longer belongs to an organisation that is still at its quota.
    seated = Counter(registrations.filter(status__in=Registration.SEATED).values_list("organisation_id", flat=True))
    assert all(seated[r.organisation_id] >= 2 for r in earlier_waiting)
    assert registrations.filter(status__in=Registration.SEATED).count() == 10


def test_one_person_cannot_vote_twice_even_with_simultaneous_clicks(postgres):
    activity = factories.activity(kind="webinar")
    user = factories.user()
    person = factories.employee(factories.organisation())
    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person, user=user)
    services.register(activity=activity, person=person, by=user)
    poll = services.create_poll(
        activity=activity, question_lv="Labākais video?", entries=[{"title": "A"}, {"title": "B"}]
    )
    services.set_poll_status(poll=poll, status="open")
    entries = list(poll.entries.all())
    _in_threads([lambda n=n: services.cast_vote(poll=poll, entry=entries[n % 2], by=user) for n in range(10)])
    assert Ballot.objects.filter(poll=poll).count() == 1
