"""Query counts pinned on the LEAN lists: services, a service and its measurements (the team's log list), the
same at the demo's size and with more services and measurements (tests/grown_demo.py)."""

from tests import grown_demo

# What each page reads is fixed: the session and user when signed in, the page's object, each list once with
# what it shows (a page, or the first few with a link to the rest), never a query per row.
# log list: 8 since it shows the newest 20 measurements, one more query counting them all for "all N →".
PINNED = {"service list": 4, "service": 7, "log list": 8, "all improvements": 3}


def test_every_page_runs_its_pinned_number_of_queries_at_the_demos_size_and_grown(grown_data, client,
                                                                                    django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, grown_data, django_assert_num_queries)
