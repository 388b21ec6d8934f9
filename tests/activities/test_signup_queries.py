"""One sign-up runs a fixed number of queries under the activity's row lock, however many people wait: the seats
are counted once per sign-up (overall, per organisation, per group, per session), the waiting list is read only as
far as a seat could still go, and people of an organisation over its quota are passed over without a query each.
Pinned absolutely, at 10 and at 400 people waiting."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Activity, Registration
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status

# The activity holds 3 organisations × 2 seats; one more organisation has used its 2 seats and has people waiting.
QUOTA = 2
# Lock, position, duplicate check, expired offers, the seats (one aggregate) and quotas, the waiting list as far as
# a seat could go (here: nobody), position, insert, what the person is told (and the place in the queue), audit.
QUERIES_WAITLISTED = 19
QUERIES_CONFIRMED = 18


def _waiting_behind_a_quota(waiting: int, capacity: int | None):
    activity = factories.activity(capacity=capacity, quota_per_organisation=QUOTA)
    over_quota = factories.organisation(name="Pārāk daudz")
    for _ in range(QUOTA + waiting):
        services.register(activity=activity, person=factories.employee(over_quota))
    for n in range(2):
        organisation = factories.organisation(name=f"Pilna {n}")
        for _ in range(QUOTA):
            services.register(activity=activity, person=factories.employee(organisation))
    assert Registration.objects.filter(activity=activity, status=S.WAITLISTED).count() == waiting
    return activity


def _queries_of_one_sign_up(activity) -> tuple[int, str]:
    newcomer = factories.employee(factories.organisation(name="Jauna"))
    ContentType.objects.get_for_models(Activity, Registration)  # read once per process, as on a running site
    with CaptureQueriesContext(connection) as captured:
        registration = services.register(activity=activity, person=newcomer)
    return len(captured), registration.status


@pytest.mark.parametrize("waiting", [10, 400])
def test_sign_up_to_a_full_activity_runs_the_same_queries_however_many_wait(waiting):
    activity = _waiting_behind_a_quota(waiting, capacity=3 * QUOTA)
    assert _queries_of_one_sign_up(activity) == (QUERIES_WAITLISTED, S.WAITLISTED)


@pytest.mark.parametrize("waiting", [10, 400])
def test_sign_up_beside_an_organisation_over_its_quota_runs_the_same_queries_however_many_wait(waiting):
    activity = _waiting_behind_a_quota(waiting, capacity=None)
    assert _queries_of_one_sign_up(activity) == (QUERIES_CONFIRMED, S.CONFIRMED)

