"""Query counts pinned on the municipality and organisation lists and pages: the same at the demo's size and
grown by generated municipalities, organisations and partnerships (tests/grown_demo.py)."""

from tests import grown_demo

# What each page reads is fixed: the session and user when signed in, the page's object, each list once with
# what it shows (a page, or the first few with a link to the rest), never a query per row.
# municipality: 8 since its page shows the first 20 projects, one more query counting them all for "all N →".
PINNED = {"municipality list": 5, "municipality": 8, "organisation list": 3, "organisation": 10}


def test_every_page_runs_its_pinned_number_of_queries_at_the_demos_size_and_grown(grown_data, client,
                                                                                    django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, grown_data, django_assert_num_queries)
