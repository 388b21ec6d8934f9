"""Query counts pinned on the LEAN lists: services, a service and its measurements (the team's log list), the
same at the demo's size and with more services and measurements (tests/grown_demo.py)."""

import pytest

from tests import grown_demo

# What each page reads is fixed: the session and user when signed in, the page's object, each list once with
# what it shows (a page, or the first few with a link to the rest), never a query per row.
# log list: 8 since it shows the newest 20 measurements, one more query counting them all for "all N →".
PINNED = {"service list": 4, "service": 6, "log list": 8}


@pytest.fixture(params=["demo", "grown"])
def data(request, demo):
    objects = grown_demo.objects()
    if request.param == "grown":
        grown_demo.grow(objects)
    return objects


def test_every_page_runs_its_pinned_number_of_queries_at_the_demos_size_and_grown(data, client,
                                                                                    django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, data, django_assert_num_queries)
