"""Query counts pinned on the activity pages: the list, a big activity's page, working groups, my activities and
the organiser's registrations, the same at the demo's size and grown (tests/grown_demo.py)."""

from tests import grown_demo

# What each page reads is fixed: the session and user when signed in, the page's object, each list once with
# what it shows (a page, or the first few with a link to the rest), never a query per row.
PINNED = {"activity list": 7, "activity": 30, "working groups": 3, "working group": 7, "my activities": 3,
          "registrations": 19, "all municipalities that took part": 5}


def test_every_page_runs_its_pinned_number_of_queries_at_the_demos_size_and_grown(grown_data, client,
                                                                                    django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, grown_data, django_assert_num_queries)
